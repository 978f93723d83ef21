# The identity cloudbuild.yaml runs as. Applying this configuration means creating service
# accounts, granting roles and deploying the function and job, so the deployer holds admin roles
# of those services; it is still no owner/editor, and only Cloud Build can act as it.
# The first `terraform apply` is run by a person with Owner (or these roles); after that Cloud
# Build can apply changes on its own. Set create_deployer = false to manage deployment identity
# yourself (the list of roles is in README.md (Deploying to Google Cloud)).

locals {
  deployer_roles = var.create_deployer ? toset([
    "roles/artifactregistry.admin",
    "roles/cloudfunctions.admin",
    "roles/cloudscheduler.admin",
    "roles/datastore.owner",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.serviceAccountUser",
    "roles/logging.logWriter",
    "roles/resourcemanager.projectIamAdmin",
    "roles/run.admin",
    "roles/serviceusage.serviceUsageAdmin",
    "roles/storage.admin",
  ]) : toset([])
}

resource "google_service_account" "deployer" {
  count = var.create_deployer ? 1 : 0

  account_id   = "${var.name_prefix}-deployer"
  display_name = "alike deployer (Cloud Build: tests, images, terraform apply)"
  depends_on   = [google_project_service.apis]
}

resource "google_project_iam_member" "deployer" {
  for_each = local.deployer_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.deployer[0].member
}
