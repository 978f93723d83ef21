# One identity per component, each with only what it uses. No primitive roles, no default
# compute service account; project-level grants are additive (google_project_iam_member).

resource "google_service_account" "function" {
  account_id   = "${var.name_prefix}-function"
  display_name = "alike function (reads the model from Firestore)"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_service_account" "function_build" {
  account_id   = "${var.name_prefix}-fn-build"
  display_name = "alike function build (Cloud Build runs the Java buildpack as this)"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_service_account" "job" {
  account_id   = "${var.name_prefix}-job"
  display_name = "alike batch job (reads events, writes the model)"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_service_account" "scheduler" {
  account_id   = "${var.name_prefix}-scheduler"
  display_name = "alike scheduler (may only run the batch job)"
  depends_on   = [time_sleep.apis_ready]
}

# ---- function: read-only Firestore, on this database only ----

resource "google_project_iam_member" "function_firestore" {
  project = var.project_id
  role    = "roles/datastore.viewer"
  member  = google_service_account.function.member

  condition {
    title      = "only-${var.name_prefix}-database"
    expression = local.firestore_condition
  }
}

# ---- function: writes too, only with catalog_writes (POST /catalog records catalog updates) ----

resource "google_project_iam_member" "function_firestore_writes" {
  count = var.catalog_writes ? 1 : 0

  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.function.member

  condition {
    title      = "only-${var.name_prefix}-database-catalog-writes"
    expression = local.firestore_condition
  }
}

# ---- function build: what Google documents for a custom build service account, scoped ----
# Logs; image writes only to the functions' own repository (build_config.docker_repository), so it
# cannot overwrite the job image; objects only in the function source zips and in the source
# bucket Cloud Functions manages (gcf-v2-sources-NUMBER-REGION, created on the first deploy, so
# granted on the project with a condition on its name), never the state bucket, which holds the
# token secret.

locals {
  function_build_storage_condition = join(" || ", [
    "resource.name.startsWith(\"projects/_/buckets/gcf-v2-sources-${data.google_project.this.number}-${var.region}\")",
    "resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.artifacts.name}/objects/function-source/\")",
  ])
}

resource "google_project_iam_member" "function_build_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.function_build.member
}

resource "google_project_iam_member" "function_build_sources" {
  project = var.project_id
  role    = "roles/storage.objectAdmin"
  member  = google_service_account.function_build.member

  condition {
    title      = "function-sources-only"
    expression = local.function_build_storage_condition
  }
}

resource "google_artifact_registry_repository_iam_member" "function_build_images" {
  location   = var.region
  repository = google_artifact_registry_repository.function_images.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.function_build.member
}

# ---- job: Firestore read/write on this database, events read, reports write ----

resource "google_project_iam_member" "job_firestore" {
  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.job.member

  condition {
    title      = "only-${var.name_prefix}-database"
    expression = local.firestore_condition
  }
}

# The function reads the placements file (and only when one is configured).
resource "google_storage_bucket_iam_member" "function_placements_reader" {
  count  = var.placements == null ? 0 : 1
  bucket = regex("^gs://([^/]+)/", var.placements)[0]
  role   = "roles/storage.objectViewer"
  member = google_service_account.function.member
}

resource "google_storage_bucket_iam_member" "job_events_reader" {
  bucket = google_storage_bucket.events.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.job.member
}

resource "google_storage_bucket_iam_member" "job_reports_writer" {
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectCreator"
  member = google_service_account.job.member

  condition {
    title      = "reports-only"
    expression = "resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.artifacts.name}/objects/reports/\")"
  }
}

# ---- scheduler: may run this one job, nothing else ----

resource "google_cloud_run_v2_job_iam_member" "scheduler_runs_job" {
  location = var.region
  name     = google_cloud_run_v2_job.build.name
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler.member
}

# ---- propagation ----
# A new grant takes a while to be seen everywhere (Google's IAM docs speak of minutes); a
# function build or a job started before that fails on permissions. Google's own
# examples wait 60 s after role assignments (time_sleep "wait_60_seconds_after_role_assignment").
# The function and the job depend on this wait; the triggers make a changed set of grants wait
# again.
resource "time_sleep" "iam_ready" {
  create_duration = "60s"
  triggers = {
    function_build = local.function_build_storage_condition
    firestore      = local.firestore_condition
    buckets        = "${google_storage_bucket.events.name},${google_storage_bucket.artifacts.name}"
    token_secret   = google_secret_manager_secret.token.id
    catalog_writes = tostring(var.catalog_writes)
    placements     = coalesce(var.placements, "none")
  }

  depends_on = [
    google_project_iam_member.function_firestore,
    google_project_iam_member.function_firestore_writes,
    google_project_iam_member.function_build_logs,
    google_project_iam_member.function_build_sources,
    google_artifact_registry_repository_iam_member.function_build_images,
    google_project_iam_member.job_firestore,
    google_storage_bucket_iam_member.job_events_reader,
    google_storage_bucket_iam_member.job_reports_writer,
    google_storage_bucket_iam_member.job_experiments_writer,
    google_storage_bucket_iam_member.job_placements_reader,
    google_secret_manager_secret_iam_member.function_token,
  ]
}
