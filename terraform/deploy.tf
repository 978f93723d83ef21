# Deploys only move forward. cloudbuild.yaml passes deploy_order = the build's start time in
# milliseconds, and a plan stops when the deployment recorded in the state (output deploy_order)
# is newer: a build that started earlier but reaches `terraform apply` later cannot put older
# code back. The check is race-free because `terraform apply` holds the state lock from plan to
# the end of apply (concurrent builds wait for it, -lock-timeout), and the recorded value is read
# from this same state inside that lock.
#
# A person's apply without deploy_order skips the check (a deliberate rollback, docs/deploy.md) and
# clears the record; pass -var "deploy_order=$(( $(date +%s) * 1000 ))" to keep it.
data "terraform_remote_state" "deployed" {
  # The state does not exist before the first apply, and reading a missing state is an error.
  count = var.deploy_order == null ? 0 : 1

  backend = "gcs"
  config = {
    bucket = local.state_bucket
    prefix = local.state_prefix
  }
  defaults = {
    deploy_order = 0
  }
}

locals {
  # HCL's || evaluates both sides, hence the conditionals.
  deployed_order = var.deploy_order == null ? 0 : coalesce(data.terraform_remote_state.deployed[0].outputs.deploy_order, 0)
}

resource "terraform_data" "deploy_order" {
  input = var.deploy_order

  lifecycle {
    precondition {
      condition     = var.deploy_order == null ? true : var.deploy_order >= local.deployed_order
      error_message = "A newer build (deploy_order ${local.deployed_order}) has already been applied; this build (deploy_order ${coalesce(var.deploy_order, 0)}) would deploy older code. Nothing was changed."
    }
  }
}
