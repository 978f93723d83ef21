# Google Analytics 4 -> the events bucket (docs/events.md, "From a GA4 property to a model"): a
# daily BigQuery scheduled query exports the GA4 export's recent days as gzipped JSON Lines under
# <events_prefix>ga4/YYYYMMDD/, where the batch job reads them with the shop's other files. Off
# unless var.ga4_dataset names the dataset GA4's BigQuery link writes (analytics_<property id>).
#
# It exports the last var.ga4_export_days days on every run, each into its own folder with
# overwrite: GA4 updates a daily table for up to 72 hours after the day (late hits), and a day a
# failed run missed is caught up by the next. A day whose table does not exist yet exports nothing.

locals {
  ga4_export = var.ga4_dataset != null
  ga4_prefix = "${var.events_prefix}ga4/"
  ga4_events = join(", ", [for n in var.ga4_export_event_names : "'${n}'"])
  ga4_query  = <<-SQL
    FOR d IN (
      SELECT FORMAT_DATE('%Y%m%d', day) AS day
      FROM UNNEST(GENERATE_DATE_ARRAY(
        DATE_SUB(@run_date, INTERVAL ${var.ga4_export_days} DAY),
        DATE_SUB(@run_date, INTERVAL 1 DAY))) AS day)
    DO
      EXECUTE IMMEDIATE FORMAT("""
        EXPORT DATA OPTIONS (
          uri = 'gs://${google_storage_bucket.events.name}/${local.ga4_prefix}%s/events-*.json.gz',
          format = 'JSON', compression = 'GZIP', overwrite = true) AS
        SELECT event_timestamp, event_name, user_id, user_pseudo_id, ecommerce, items
        FROM `${var.project_id}.${coalesce(var.ga4_dataset, "-")}.events_*`
        WHERE _TABLE_SUFFIX = '%s' AND event_name IN (${local.ga4_events})""", d.day, d.day);
    END FOR;
  SQL
}

# The query runs as this account, which may only read the GA4 dataset, run query jobs and write
# objects under the GA4 prefix of the events bucket.
resource "google_service_account" "ga4_export" {
  count = local.ga4_export ? 1 : 0

  account_id   = "${var.name_prefix}-ga4-export"
  display_name = "alike GA4 export (BigQuery scheduled query to the events bucket)"
  depends_on   = [time_sleep.apis_ready]
}

resource "google_bigquery_dataset_iam_member" "ga4_export_reads" {
  count = local.ga4_export ? 1 : 0

  dataset_id = var.ga4_dataset
  role       = "roles/bigquery.dataViewer"
  member     = google_service_account.ga4_export[0].member
}

# Query jobs have no scope narrower than the project.
resource "google_project_iam_member" "ga4_export_jobs" {
  count = local.ga4_export ? 1 : 0

  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.ga4_export[0].member
}

# objectUser (create, overwrite, delete, list) for EXPORT DATA's overwrite, limited to objects
# under the GA4 prefix; the bucket itself only for listing.
resource "google_storage_bucket_iam_member" "ga4_export_writes" {
  count = local.ga4_export ? 1 : 0

  bucket = google_storage_bucket.events.name
  role   = "roles/storage.objectUser"
  member = google_service_account.ga4_export[0].member

  condition {
    title       = "ga4-export-prefix"
    description = "Only objects under the GA4 export prefix"
    expression  = "resource.type == \"storage.googleapis.com/Bucket\" || resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.events.name}/objects/${local.ga4_prefix}\")"
  }
}

# The BigQuery Data Transfer service agent mints the account's tokens to run the query as it.
resource "google_service_account_iam_member" "ga4_export_agent" {
  count = local.ga4_export ? 1 : 0

  service_account_id = google_service_account.ga4_export[0].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com"
}

resource "google_bigquery_data_transfer_config" "ga4_export" {
  count = local.ga4_export ? 1 : 0

  display_name         = "${var.name_prefix} GA4 export to the events bucket"
  location             = var.ga4_location
  data_source_id       = "scheduled_query"
  schedule             = var.ga4_export_schedule
  service_account_name = google_service_account.ga4_export[0].email
  params = {
    query = local.ga4_query
  }

  depends_on = [
    google_bigquery_dataset_iam_member.ga4_export_reads,
    google_project_iam_member.ga4_export_jobs,
    google_storage_bucket_iam_member.ga4_export_writes,
    google_service_account_iam_member.ga4_export_agent,
  ]
}
