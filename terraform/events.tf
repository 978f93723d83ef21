# Real-time events (docs/events.md, "Real-time events"): POST /events on the recommendations
# function publishes each accepted batch to the topic below. Two subscriptions read it:
#   1. a push subscription to a second, private function (EventsPushFunction) that adds the events'
#      weights to the customers' profiles in Firestore, at most once per message, with a
#      dead-letter topic for messages that can never be applied;
#   2. a Cloud Storage subscription that writes the raw events as JSON Lines files into the events
#      bucket under the prefix the batch job reads, so the next build counts them like any other.

locals {
  events_topic_name  = "${var.name_prefix}-events"
  events_push_name   = "${var.name_prefix}-events-push"
  pubsub_agent       = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  realtime_prefix    = "${var.events_prefix}realtime/"
  events_retention_s = 7 * 86400
  # Longest a file of the Cloud Storage subscription stays open (the API's maximum). The batch job
  # waits this plus a minute after replacing the profiles, then replays the files it did not read
  # (events accepted while it ran): ALIKE_REALTIME_WAIT in job.tf.
  realtime_file_seconds = 600
}

data "google_project" "this" {
  project_id = var.project_id
  depends_on = [time_sleep.apis_ready]
}

# No message_retention_duration on the topics: each subscription keeps its unacknowledged
# messages for 7 days already, and topic retention would store (and bill) every message again.
resource "google_pubsub_topic" "events" {
  name       = local.events_topic_name
  depends_on = [time_sleep.apis_ready]
}

# Messages the push handler refused var.events_max_delivery_attempts times (400: not events).
resource "google_pubsub_topic" "events_dead_letter" {
  name       = "${local.events_topic_name}-dead-letter"
  depends_on = [time_sleep.apis_ready]
}

# Keeps dead letters for a person to read (gcloud pubsub subscriptions pull ... --auto-ack).
resource "google_pubsub_subscription" "events_dead_letter" {
  name                       = "${local.events_topic_name}-dead-letter"
  topic                      = google_pubsub_topic.events_dead_letter.id
  message_retention_duration = "${local.events_retention_s}s"
  expiration_policy {
    ttl = ""
  }
}

# ---- 1. push: profiles in Firestore ----

resource "google_service_account" "events_push" {
  account_id   = "${var.name_prefix}-events-push"
  display_name = "alike events push handler (adds real-time events to profiles)"
  depends_on   = [time_sleep.apis_ready]
}

# The identity Pub/Sub signs its push requests' OIDC tokens as; it may only invoke the handler.
resource "google_service_account" "events_pusher" {
  account_id   = "${var.name_prefix}-pusher"
  display_name = "alike Pub/Sub push identity (may only invoke the events push handler)"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_project_iam_member" "events_push_firestore" {
  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.events_push.member

  condition {
    title      = "only-${var.name_prefix}-database"
    expression = local.firestore_condition
  }
}

resource "google_cloudfunctions2_function" "events_push" {
  name        = local.events_push_name
  location    = var.region
  description = "alike real-time events: Pub/Sub push handler adding events to profiles"

  build_config {
    runtime           = "java17"
    entry_point       = "dev.alike.function.EventsPushFunction"
    service_account   = google_service_account.function_build.id
    docker_repository = google_artifact_registry_repository.function_images.id
    # As for the recommendations function (function.tf): the buildpack's invoker 2.0.x.
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
    available_memory = "512Mi"
    # Cloud Run allows concurrency above 1 only with at least 1 vCPU; without available_cpu a
    # 512Mi function gets a third of one and cannot be created.
    available_cpu = "1"
    # One message is a few hundred small transactions at most; 10 at once keep an instance busy.
    max_instance_request_concurrency = 10
    max_instance_count               = var.function_max_instances
    timeout_seconds                  = 60
    # Only Pub/Sub calls it: internal ingress, and run.invoker for the pusher identity alone.
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.events_push.email
    environment_variables          = { for k, v in local.function_env : k => v if v != null }
  }

  lifecycle {
    precondition {
      condition     = var.function_source_object != ""
      error_message = "Set function_source_object to the uploaded zip (cloudbuild.yaml does; see docs/deploy.md)."
    }
  }

  depends_on = [time_sleep.apis_ready, time_sleep.iam_ready, google_project_iam_member.events_push_firestore]
}

resource "google_cloud_run_v2_service_iam_member" "events_push_invoker" {
  location = var.region
  name     = google_cloudfunctions2_function.events_push.name
  role     = "roles/run.invoker"
  member   = google_service_account.events_pusher.member
}

# Pub/Sub's service agent mints the OIDC tokens of the pusher identity...
resource "google_service_account_iam_member" "pubsub_signs_as_pusher" {
  service_account_id = google_service_account.events_pusher.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

resource "google_pubsub_subscription" "events_push" {
  name  = local.events_push_name
  topic = google_pubsub_topic.events.id

  ack_deadline_seconds       = 60
  message_retention_duration = "${local.events_retention_s}s"
  expiration_policy {
    ttl = ""
  }

  push_config {
    push_endpoint = google_cloudfunctions2_function.events_push.service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.events_pusher.email
    }
  }

  retry_policy {
    minimum_backoff = "1s"
    maximum_backoff = "60s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.events_dead_letter.id
    max_delivery_attempts = var.events_max_delivery_attempts
  }

  depends_on = [google_cloud_run_v2_service_iam_member.events_push_invoker]
}

# ...and forwards undeliverable messages: it publishes to the dead-letter topic and acknowledges
# on the source subscription.
resource "google_pubsub_topic_iam_member" "pubsub_dead_letters" {
  topic  = google_pubsub_topic.events_dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "pubsub_acks_dead_letters" {
  subscription = google_pubsub_subscription.events_push.id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# ---- 2. Cloud Storage: raw events for the next build ----

# Pub/Sub's service agent writes the files (object create, and bucket metadata reads).
resource "google_storage_bucket_iam_member" "pubsub_writes_events" {
  for_each = toset(["roles/storage.objectCreator", "roles/storage.legacyBucketReader"])

  bucket = google_storage_bucket.events.name
  role   = each.value
  member = local.pubsub_agent
}

# Pub/Sub checks its agent's access to the bucket when the subscription is created; a grant made
# seconds before is not yet visible everywhere (as for iam_ready, iam.tf).
resource "time_sleep" "pubsub_bucket_grants" {
  create_duration = "60s"
  triggers = {
    grants = join(",", sort([for g in google_storage_bucket_iam_member.pubsub_writes_events : "${g.role}=${g.member}"]))
  }

  depends_on = [google_storage_bucket_iam_member.pubsub_writes_events]
}

resource "google_pubsub_subscription" "events_to_storage" {
  name  = "${local.events_topic_name}-to-storage"
  topic = google_pubsub_topic.events.id

  message_retention_duration = "${local.events_retention_s}s"
  expiration_policy {
    ttl = ""
  }

  # Without avro_config the data is written as text (text_config exists only from provider 7.23):
  # message data as is, one message after another separated by a newline: each
  # message is already JSON Lines (PubSubEventSink), so the files are events files the job reads.
  cloud_storage_config {
    bucket          = google_storage_bucket.events.name
    filename_prefix = local.realtime_prefix
    filename_suffix = ".jsonl"
    # A new file every 10 minutes at most (the API's maximum) or 100 MB, whichever comes first.
    max_duration = "${local.realtime_file_seconds}s"
    max_bytes    = 100000000
  }

  depends_on = [time_sleep.pubsub_bucket_grants]
}

# ---- the recommendations function publishes ----

resource "google_pubsub_topic_iam_member" "function_publishes" {
  topic  = google_pubsub_topic.events.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.function.member
}

# ---- update markers expire (FirestoreProfileUpdates.EXPIRE_AT, 8 days after the update) ----

resource "google_firestore_field" "update_markers_ttl" {
  database   = local.firestore_database
  collection = "alike_updates"
  field      = "expireAt"

  # TTL deletes markers a day or so after expireAt; no index: nothing queries markers.
  ttl_config {}
  index_config {}

  depends_on = [time_sleep.apis_ready]
}
