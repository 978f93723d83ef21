locals {
  # Environment of the function, read in RecommendFunction's constructor. A null value leaves the
  # setting unset, so the function's own default applies. Keys are checked against the code by
  # .ci/terraform-check: add a key here only for a variable the function reads.
  function_env = {
    ALIKE_STORE           = "firestore:${var.firestore_database}"
    ALIKE_ALLOWED_ORIGINS = join(",", var.allowed_origins)
    ALIKE_DEMO            = "false"
    ALIKE_CACHE_SKUS      = var.function_cache_skus == null ? null : tostring(var.function_cache_skus)
    ALIKE_SIMILAR_MAX_AGE = var.function_similar_max_age == null ? null : tostring(var.function_similar_max_age)
    ALIKE_REQUIRE_TOKEN   = tostring(local.require_token)
    ALIKE_EVENTS_TOPIC    = google_pubsub_topic.events.id
    # Every list answer is recorded there (experiments.tf); the job's report reads the records.
    ALIKE_ANSWERS_TOPIC  = google_pubsub_topic.answers.id
    ALIKE_RECORD_ANSWERS = var.record_answers ? null : "false"
    ALIKE_WEIGHTS        = var.model_weights
    # The merchandiser's placements file (docs/function.md, Placements): re-read when it changes,
    # so uploading a new object needs no redeploy.
    ALIKE_PLACEMENTS = var.placements
    # GA4 Measurement Protocol events on POST /events are read as the job reads GA4 rows.
    ALIKE_GA4_CUSTOMER          = var.ga4_customer
    ALIKE_GA4_EVENTS            = var.ga4_events
    ALIKE_GA4_VARIANT_SEPARATOR = var.ga4_variant_separator
    # POST /catalog records catalog updates only when asked for, with write access (iam.tf).
    ALIKE_CATALOG_WRITES = var.catalog_writes ? "true" : null
    # Deadlines on the store and Pub/Sub (dev.alike.function.Deadlines): null keeps the defaults
    # of docs/function.md, a second or two, well inside function_timeout_seconds.
    ALIKE_STORE_DEADLINE_MS  = null
    ALIKE_REQUEST_BUDGET_MS  = null
    ALIKE_EVENTS_DEADLINE_MS = null
  }
}

resource "google_cloudfunctions2_function" "recommend" {
  name        = local.function_name
  location    = var.region
  description = "alike recommendations API (similar products, recommended for you)"

  build_config {
    runtime           = "java17"
    entry_point       = "dev.alike.function.RecommendFunction"
    service_account   = google_service_account.function_build.id
    docker_repository = google_artifact_registry_repository.function_images.id

    # The zip holds one jar and no pom.xml, so the Java buildpack cannot take the invoker from
    # the project's dependencies: it installs its own, 1.4.1 by default, 2.0.1 when
    # USE_JAVA_FF_2 is true (GoogleCloudPlatform/buildpacks cmd/java/functions_framework/lib/lib.go,
    # defaultFrameworkVersion / v2FrameworkVersion; the variable exists since 2025-12-29). So
    # production runs 2.0.1, not the 1.4.x line. The tests run 2.0.0 (pom.xml invoker.version):
    # 2.0.1 only bumps the API dependency (invoker CHANGELOG) and is not yet on the Maven Central
    # this project builds from. .ci/terraform-check keeps both on 2.0.x. The image label
    # google.functions-framework-version shows what was installed (docs/function.md).
    environment_variables = {
      USE_JAVA_FF_2 = "true"
    }

    source {
      storage_source {
        bucket = google_storage_bucket.artifacts.name
        object = var.function_source_object
      }
    }
  }

  service_config {
    available_memory                 = var.function_memory
    available_cpu                    = var.function_cpu
    min_instance_count               = var.function_min_instances
    max_instance_count               = var.function_max_instances
    max_instance_request_concurrency = var.function_concurrency
    timeout_seconds                  = var.function_timeout_seconds
    ingress_settings                 = "ALLOW_ALL"
    all_traffic_on_latest_revision   = true
    service_account_email            = google_service_account.function.email
    environment_variables            = { for k, v in local.function_env : k => v if v != null }

    # ALIKE_TOKEN_SECRET (and ALIKE_TOKEN_SECRET_PREVIOUS during a rotation) from Secret Manager,
    # resolved when an instance starts (tokens.tf, docs/function.md "Signed customer tokens").
    dynamic "secret_environment_variables" {
      for_each = { for k, v in local.token_secret_env : k => v if v != null }
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = google_secret_manager_secret.token.secret_id
        version    = secret_environment_variables.value
      }
    }
  }

  lifecycle {
    # Cloud Run refuses concurrency above 1 below 1 vCPU.
    precondition {
      condition     = var.function_concurrency <= 1 || tonumber(var.function_cpu) >= 1
      error_message = "function_concurrency ${var.function_concurrency} needs function_cpu of at least 1, not ${var.function_cpu}."
    }
    precondition {
      condition     = var.function_source_object != ""
      error_message = "Set function_source_object to the uploaded zip (cloudbuild.yaml does; see docs/deploy.md)."
    }
  }

  depends_on = [time_sleep.apis_ready, time_sleep.iam_ready, google_secret_manager_secret_version.token_first]
}

# The function's service is a Cloud Run service of the same name; invoking it needs run.invoker there.
resource "google_cloud_run_v2_service_iam_member" "function_public" {
  count = var.public_function ? 1 : 0

  location = var.region
  name     = google_cloudfunctions2_function.recommend.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_v2_service_iam_member" "function_invokers" {
  for_each = var.public_function ? toset([]) : toset(var.function_invokers)

  location = var.region
  name     = google_cloudfunctions2_function.recommend.name
  role     = "roles/run.invoker"
  member   = each.value
}
