resource "google_cloud_scheduler_job" "build" {
  name        = "${var.name_prefix}-nightly-build"
  region      = var.region
  description = "Runs the ${local.job_name} Cloud Run job"
  schedule    = var.schedule
  time_zone   = var.schedule_time_zone

  # One run at a time is enough: a failed run is retried by the job itself (max_retries).
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "https://run.googleapis.com/v2/projects/${var.project_id}/locations/${var.region}/jobs/${google_cloud_run_v2_job.build.name}:run"

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [time_sleep.apis_ready, google_cloud_run_v2_job_iam_member.scheduler_runs_job]
}
