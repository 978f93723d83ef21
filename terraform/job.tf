locals {
  # Environment of the batch job, read in dev.alike.cli.BuildJob.main. A null value leaves the
  # setting unset, so the job's own default applies. Keys are checked against the code by
  # .ci/terraform-check: add a key here only for a variable the job reads.
  job_env = {
    ALIKE_EVENTS                = "gs://${google_storage_bucket.events.name}/${var.events_prefix}"
    ALIKE_CATALOG               = var.catalog_object == null ? null : "gs://${google_storage_bucket.events.name}/${var.catalog_object}"
    ALIKE_STORE                 = "firestore:${var.firestore_database}"
    ALIKE_REPORT_URI            = "gs://${google_storage_bucket.artifacts.name}/reports/"
    ALIKE_K                     = var.model_k == null ? null : tostring(var.model_k)
    ALIKE_SIMILARITY            = var.model_similarity
    ALIKE_WEIGHTS               = var.model_weights
    ALIKE_GA4_CUSTOMER          = var.ga4_customer
    ALIKE_GA4_EVENTS            = var.ga4_events
    ALIKE_GA4_VARIANT_SEPARATOR = var.ga4_variant_separator
    ALIKE_HALF_LIFE             = var.model_half_life
    ALIKE_TRENDING_WINDOW       = null # the job's 7d
    ALIKE_MAX_SKUS_PER_CUSTOMER = var.model_max_skus_per_customer == null ? null : tostring(var.model_max_skus_per_customer)
    ALIKE_MAX_REVERSE           = var.model_max_reverse == null ? null : tostring(var.model_max_reverse)
    ALIKE_MAX_REJECTED          = var.model_max_rejected == null ? null : tostring(var.model_max_rejected)
    ALIKE_KEEP_VERSIONS         = var.keep_versions == null ? null : tostring(var.keep_versions)
    ALIKE_CHECK_MEMORY          = null # the job checks its heap against the events before reading
    # Catalog SKUs nobody interacted with get content neighbours (the job's default, 1).
    ALIKE_COLD_START_MIN_INTERACTIONS = null
    # Each store call bounded, each store step retried (60 s, 3 tries): a dead Firestore fails
    # the build in minutes, far under the job's timeout, with the current version unchanged.
    ALIKE_STORE_TIMEOUT  = null
    ALIKE_STORE_ATTEMPTS = null
    # After replacing the profiles, replay the real-time files written since the job listed them.
    ALIKE_REALTIME_EVENTS = "gs://${google_storage_bucket.events.name}/${local.realtime_prefix}"
    ALIKE_REALTIME_WAIT   = "${local.realtime_file_seconds + 60}s"
    # Experiments (experiments.tf): the placements file names the model variants to build; after
    # a successful build the job reports on the recorded answers and the events that followed.
    ALIKE_PLACEMENTS        = var.placements
    ALIKE_ANSWERS           = "gs://${google_storage_bucket.events.name}/${var.answers_prefix}"
    ALIKE_EXPERIMENT_REPORT = "gs://${google_storage_bucket.artifacts.name}/${local.experiments_prefix}"
    ALIKE_EXPERIMENT_SINCE  = var.experiment_since # null: the job's 14d
  }
}

resource "google_cloud_run_v2_job" "build" {
  name     = local.job_name
  location = var.region
  # terraform destroy must be able to remove the job (it holds no data).
  deletion_protection = false

  template {
    task_count = 1

    template {
      service_account = google_service_account.job.email
      # Dataflow: no retry, a retried launcher would start a second pipeline beside the first
      # (two writers on one Firestore database) when the first attempt lost its launcher.
      max_retries = local.dataflow ? 0 : var.job_max_retries
      timeout     = var.job_timeout

      containers {
        # build_engine = dataflow: the Beam launcher, with Beam's flags (terraform/dataflow.tf).
        image = local.dataflow ? var.dataflow_job_image : var.job_image
        args  = local.dataflow_args

        resources {
          limits = {
            cpu    = var.job_cpu
            memory = var.job_memory
          }
        }

        dynamic "env" {
          for_each = { for k, v in local.job_env : k => v if v != null }
          content {
            name  = env.key
            value = env.value
          }
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = local.dataflow ? var.dataflow_job_image != "" : var.job_image != ""
      error_message = "Set job_image to the pushed job image (cloudbuild.yaml does; see docs/deploy.md)."
    }
  }

  depends_on = [time_sleep.apis_ready, time_sleep.iam_ready]
}
