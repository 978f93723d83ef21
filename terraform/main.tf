locals {
  firestore_location = coalesce(var.firestore_location, var.region)

  # Bucket names must be globally unique; project ids are, so the project id leads.
  # cloudbuild.yaml builds the same two names from its substitutions: keep them in step.
  events_bucket    = "${var.project_id}-${var.name_prefix}-events"
  artifacts_bucket = "${var.project_id}-${var.name_prefix}-artifacts"
  image_repository = "${var.name_prefix}-images"
  function_name    = "${var.name_prefix}-recommend"
  job_name         = "${var.name_prefix}-build"

  # The state bucket (created by hand before `terraform init`, see docs/deploy.md) and this
  # deployment's state prefix. The gcs backend cannot read variables, so cloudbuild.yaml and
  # deploy.sh pass the same values with -backend-config; .ci/terraform-check keeps them in step.
  state_bucket = coalesce(var.state_bucket, "${var.project_id}-tfstate")
  state_prefix = var.name_prefix

  # Limits Firestore roles to this one database (IAM condition on the database resource name).
  firestore_condition = "resource.name == \"projects/${var.project_id}/databases/${var.firestore_database}\""

  # Terraform itself needs these two to read the project and to enable the others: on a new
  # project the first apply fails with SERVICE_DISABLED without them (terraform-provider-google
  # issues 6101 and 11435). deploy.sh enables them first with gcloud; declaring them here
  # records them and orders everything else after them.
  foundation_apis = toset([
    "cloudresourcemanager.googleapis.com",
    "serviceusage.googleapis.com",
  ])

  apis = toset(concat([
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
    ], var.ga4_dataset == null ? [] : [
    "bigquery.googleapis.com",
    "bigquerydatatransfer.googleapis.com",
  ]))
}

resource "google_project_service" "foundation" {
  for_each = local.foundation_apis

  service = each.value
  # Other things in the project may use these APIs: never switch them off on destroy.
  disable_on_destroy         = false
  disable_dependent_services = false
}

resource "google_project_service" "apis" {
  for_each = local.apis

  service                    = each.value
  disable_on_destroy         = false
  disable_dependent_services = false

  depends_on = [google_project_service.foundation]
}

# A newly enabled API answers SERVICE_DISABLED or 403 for a while after the operation reports
# done. Google's own Terraform waits (googleapis/google-cloud-java .cloud/main.tf: 90 s after
# enabling an API). Everything that calls an API depends on this wait, never on the APIs directly
# (.ci/terraform-check). The triggers make a newly added API wait again.
resource "time_sleep" "apis_ready" {
  create_duration = "90s"
  triggers = {
    apis = join(",", sort(concat(tolist(local.foundation_apis), tolist(local.apis), google_project_service.dataflow[*].service)))
  }

  depends_on = [google_project_service.foundation, google_project_service.apis, google_project_service.dataflow]
}
