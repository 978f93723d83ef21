locals {
  firestore_location = coalesce(var.firestore_location, var.region)

  # Bucket names must be globally unique; project ids are, so the project id leads.
  # cloudbuild.yaml builds the same two names from its substitutions: keep them in step.
  events_bucket    = "${var.project_id}-${var.name_prefix}-events"
  artifacts_bucket = "${var.project_id}-${var.name_prefix}-artifacts"
  image_repository = "${var.name_prefix}-images"
  function_name    = "${var.name_prefix}-recommend"
  job_name         = "${var.name_prefix}-build"

  # Limits Firestore roles to this one database (IAM condition on the database resource name).
  firestore_condition = "resource.name == \"projects/${var.project_id}/databases/${var.firestore_database}\""

  apis = toset([
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "run.googleapis.com",
    "storage.googleapis.com",
  ])
}

resource "google_project_service" "apis" {
  for_each = local.apis

  service = each.value
  # Other things in the project may use these APIs: never switch them off on destroy.
  disable_on_destroy         = false
  disable_dependent_services = false
}
