# Experiments (docs/experiments.md, docs/deploy.md "Experiments"): every list answer of the
# recommendations function is recorded (placement, variant, model version, customer, SKUs) by
# publishing it to the answers topic; a Cloud Storage subscription writes the records into the
# events bucket under var.answers_prefix, beside the events but outside var.events_prefix, so the
# build never reads them as events. After each successful build the job reads them with the events
# that followed and writes the experiment report and dashboard under the artifacts bucket's
# experiments/ prefix (private: public_access_prevention is enforced on that bucket, storage.tf).

locals {
  answers_topic_name = "${var.name_prefix}-answers"
  experiments_prefix = "experiments/"
  # The placements object (var.placements) as [bucket, object]; the job reads only that object.
  placements_parts = var.placements == null ? null : regex("^gs://([^/]+)/(.+)$", var.placements)
}

variable "answers_prefix" {
  description = "Object prefix inside the events bucket where the answers subscription writes the recorded answers (the job's ALIKE_ANSWERS); must not overlap events_prefix."
  type        = string
  default     = "answers/"
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._/-]*/$", var.answers_prefix))
    error_message = "answers_prefix must be a non-empty object prefix ending in /, e.g. answers/."
  }
}

variable "record_answers" {
  description = "Whether the function records every list answer (ALIKE_RECORD_ANSWERS); false: attribution tokens are still minted, but the nightly report has nothing to read."
  type        = bool
  default     = true
}

variable "answers_retention_days" {
  description = "Recorded answers older than this are deleted from the events bucket. The report covers 14 days by default (ALIKE_EXPERIMENT_SINCE); keep more to report a longer window again."
  type        = number
  default     = 90
  validation {
    condition     = var.answers_retention_days >= 15
    error_message = "answers_retention_days must be at least 15: the report reads 14 days of answers."
  }
}

variable "experiment_since" {
  description = "The nightly experiment report covers answers served this long before the newest (ALIKE_EXPERIMENT_SINCE, e.g. 28d); null = the job's 14d. Keep answers_retention_days longer."
  type        = string
  default     = null
  validation {
    condition     = var.experiment_since == null || can(regex("^[1-9][0-9]*[dh]$", var.experiment_since))
    error_message = "experiment_since must be a whole number of days or hours, e.g. 14d or 36h."
  }
}

variable "experiment_report_retention_days" {
  description = "Dated experiment reports (experiments/YYYY-MM-DD/ in the artifacts bucket) older than this are deleted; experiments/latest/ is rewritten by every build."
  type        = number
  default     = 400
}

resource "google_pubsub_topic" "answers" {
  name       = local.answers_topic_name
  depends_on = [time_sleep.apis_ready]
}

# The function's account may publish answers and nothing else on this topic.
resource "google_pubsub_topic_iam_member" "function_publishes_answers" {
  topic  = google_pubsub_topic.answers.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.function.member
}

# As events_to_storage (events.tf): Pub/Sub's agent writes the files with the grants made there.
resource "google_pubsub_subscription" "answers_to_storage" {
  name  = "${local.answers_topic_name}-to-storage"
  topic = google_pubsub_topic.answers.id

  message_retention_duration = "${local.events_retention_s}s"
  expiration_policy {
    ttl = ""
  }

  # Each message is one or more answer records as JSON Lines (AnswerRecords), written as is.
  cloud_storage_config {
    bucket          = google_storage_bucket.events.name
    filename_prefix = var.answers_prefix
    filename_suffix = ".jsonl"
    max_duration    = "${local.realtime_file_seconds}s"
    max_bytes       = 100000000
  }

  lifecycle {
    # The build reads everything under events_prefix as events: answers there would be refused
    # (or worse, counted) by every build.
    precondition {
      condition     = !startswith(var.answers_prefix, var.events_prefix) && !startswith(var.events_prefix, var.answers_prefix)
      error_message = "answers_prefix \"${var.answers_prefix}\" and events_prefix \"${var.events_prefix}\" overlap: the build would read the recorded answers as events. Give them separate prefixes."
    }
  }

  depends_on = [time_sleep.pubsub_bucket_grants]
}

# ---- the job: reads the answers (job_events_reader, iam.tf, covers the whole events bucket) and
# the placements object, writes the report under experiments/ ----

# Object user, not creator: experiments/latest/ is replaced by every build, and a second run on the
# same day replaces that day's folder (replacing an object needs delete); the report is read back
# to copy it to latest/.
resource "google_storage_bucket_iam_member" "job_experiments_writer" {
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectUser"
  member = google_service_account.job.member

  condition {
    title      = "experiments-only"
    expression = "resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.artifacts.name}/objects/${local.experiments_prefix}\")"
  }
}

# The job builds the model variants the experiments in the placements file name.
resource "google_storage_bucket_iam_member" "job_placements_reader" {
  count  = var.placements == null ? 0 : 1
  bucket = local.placements_parts[0]
  role   = "roles/storage.objectViewer"
  member = google_service_account.job.member

  condition {
    title      = "placements-object-only"
    expression = "resource.name == \"projects/_/buckets/${local.placements_parts[0]}/objects/${local.placements_parts[1]}\""
  }
}
