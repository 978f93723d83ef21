# The build engine. "single-machine" (default): the Cloud Run job builds in its own memory.
# "dataflow": the same job runs target/alike-dataflow.jar's launcher (image var.dataflow_job_image),
# which submits the Beam pipeline to Dataflow and waits for it, so the job's exit code, retries and
# the existing Scheduler trigger keep their meaning (a Flex Template would need a template spec, a
# second image registry entry and a Scheduler call to a different API, for no gain here).
# See docs/scale.md.

variable "build_engine" {
  description = "single-machine (the Cloud Run job builds) or dataflow (it launches Apache Beam on Dataflow and waits)."
  type        = string
  default     = "single-machine"
  validation {
    condition     = contains(["single-machine", "dataflow"], var.build_engine)
    error_message = "build_engine must be single-machine or dataflow."
  }
}

variable "dataflow_job_image" {
  description = "Launcher image for build_engine = dataflow; cloudbuild.yaml (step push-dataflow-image) builds and passes it: mvn -Pdataflow compile jib:build -Djib.container.mainClass=dev.alike.beam.BeamMain -Djib.to.image=..."
  type        = string
  default     = ""
}

variable "dataflow_max_workers" {
  description = "Upper bound of Dataflow's autoscaling for one build."
  type        = number
  default     = 20
}

variable "dataflow_machine_type" {
  description = "Dataflow worker machine type (the version writer holds the SKU lists in memory: highmem)."
  type        = string
  default     = "n2-highmem-8"
}

locals {
  dataflow = var.build_engine == "dataflow"
  # Beam's flags for the launcher (dev.alike.beam.BeamMain); the build settings stay in job_env.
  dataflow_args = local.dataflow ? [
    "build",
    "--runner=DataflowRunner",
    "--project=${var.project_id}",
    "--region=${var.region}",
    "--tempLocation=gs://${google_storage_bucket.artifacts.name}/dataflow-temp/",
    "--serviceAccount=${google_service_account.dataflow_worker[0].email}",
    "--maxNumWorkers=${var.dataflow_max_workers}",
    "--workerMachineType=${var.dataflow_machine_type}",
    # Dataflow cancels the pipeline itself shortly before the Cloud Run job's timeout: a launcher
    # killed at its timeout would otherwise leave the pipeline writing to Firestore.
    "--dataflowServiceOptions=max_workflow_runtime_walltime_seconds=${local.dataflow_walltime_s}",
  ] : []
  job_timeout_s       = tonumber(trimsuffix(var.job_timeout, "s"))
  dataflow_walltime_s = max(local.job_timeout_s - 300, 600)
}

resource "google_project_service" "dataflow" {
  count                      = local.dataflow ? 1 : 0
  project                    = var.project_id
  service                    = "dataflow.googleapis.com"
  disable_on_destroy         = false
  disable_dependent_services = false
  depends_on                 = [google_project_service.foundation]
}

# Dataflow's workers: run work items, read events, write Firestore, use the temp prefix. Nothing else.
resource "google_service_account" "dataflow_worker" {
  count        = local.dataflow ? 1 : 0
  account_id   = "${var.name_prefix}-dataflow"
  display_name = "alike Dataflow workers"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_project_iam_member" "dataflow_worker" {
  count   = local.dataflow ? 1 : 0
  project = var.project_id
  role    = "roles/dataflow.worker"
  member  = google_service_account.dataflow_worker[0].member
}

resource "google_project_iam_member" "dataflow_worker_firestore" {
  count   = local.dataflow ? 1 : 0
  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.dataflow_worker[0].member

  condition {
    title      = "only-${var.name_prefix}-database"
    expression = local.firestore_condition
  }
}

resource "google_storage_bucket_iam_member" "dataflow_worker_events" {
  count  = local.dataflow ? 1 : 0
  bucket = google_storage_bucket.events.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.dataflow_worker[0].member
}

resource "google_storage_bucket_iam_member" "dataflow_temp" {
  for_each = local.dataflow ? {
    worker = google_service_account.dataflow_worker[0].member
    job    = google_service_account.job.member
  } : {}
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectAdmin"
  member = each.value

  condition {
    title      = "dataflow-temp-only"
    expression = "resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.artifacts.name}/objects/dataflow-temp/\")"
  }
}

# Beam's launcher and workers check the temp location's bucket (storage.buckets.get) before they
# write to it; legacyBucketReader holds that (and object listing) without object reads.
resource "google_storage_bucket_iam_member" "dataflow_temp_bucket" {
  for_each = local.dataflow ? {
    worker = google_service_account.dataflow_worker[0].member
    job    = google_service_account.job.member
  } : {}
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.legacyBucketReader"
  member = each.value
}

# The launcher (the Cloud Run job's identity) creates and watches Dataflow jobs and runs them as
# the worker account.
resource "google_project_iam_member" "job_launches_dataflow" {
  count   = local.dataflow ? 1 : 0
  project = var.project_id
  role    = "roles/dataflow.developer"
  member  = google_service_account.job.member
}

resource "google_service_account_iam_member" "job_acts_as_dataflow_worker" {
  count              = local.dataflow ? 1 : 0
  service_account_id = google_service_account.dataflow_worker[0].name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.job.member
}
