# The identity cloudbuild.yaml runs as. Applying this configuration means creating service
# accounts, granting roles and deploying the function and job, so the deployer holds admin roles
# of those services; it is still no owner/editor, and only Cloud Build can act as it.
# The first `terraform apply` is run by a person with Owner (or these roles); after that Cloud
# Build can apply changes on its own. Set create_deployer = false to manage deployment identity
# yourself (the list of roles is in docs/deploy.md). .ci/terraform-check keeps the list in step with
# the resource types in terraform/: refreshing a resource needs read access to it.

locals {
  deployer_roles = var.create_deployer ? toset(concat([
    "roles/artifactregistry.admin",
    "roles/cloudfunctions.admin",
    "roles/cloudscheduler.admin",
    "roles/datastore.owner",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.serviceAccountUser",
    "roles/logging.logWriter",
    "roles/pubsub.admin",
    "roles/resourcemanager.projectIamAdmin",
    "roles/run.admin",
    "roles/secretmanager.admin",
    "roles/serviceusage.serviceUsageAdmin",
    ], var.ga4_dataset == null ? [] : [
    # The GA4 export (ga4.tf): its scheduled query and its grant on the GA4 dataset.
    "roles/bigquery.admin",
  ])) : toset([])

  # Storage only on the buckets it deploys to, not the project's other buckets: the state (and
  # the settings beside it), the artifacts (function zips, staged build sources) and the events
  # bucket, whose configuration and IAM it manages. Creating a new bucket needs a person
  # (storage.buckets.create is project-level): the first apply is theirs anyway.
  deployer_buckets = var.create_deployer ? {
    state     = local.state_bucket
    artifacts = google_storage_bucket.artifacts.name
    events    = google_storage_bucket.events.name
  } : {}
}

resource "google_service_account" "deployer" {
  count = var.create_deployer ? 1 : 0

  account_id   = "${var.name_prefix}-deployer"
  display_name = "alike deployer (Cloud Build: tests, images, terraform apply)"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_project_iam_member" "deployer" {
  for_each = local.deployer_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.deployer[0].member
}

resource "google_storage_bucket_iam_member" "deployer" {
  for_each = local.deployer_buckets

  bucket = each.value
  role   = "roles/storage.admin"
  member = google_service_account.deployer[0].member
}
