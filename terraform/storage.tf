# Events: the shop uploads event (and catalog) files here; only the batch job reads them.
resource "google_storage_bucket" "events" {
  name                        = local.events_bucket
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.allow_destroy_data

  depends_on = [google_project_service.apis]
}

# Artifacts: function source zips (one object per build, so rollback = apply an older name)
# and the job's build reports.
resource "google_storage_bucket" "artifacts" {
  name                        = local.artifacts_bucket
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.allow_destroy_data

  lifecycle_rule {
    condition {
      age            = 90
      matches_prefix = ["reports/"]
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = local.image_repository
  format        = "DOCKER"
  description   = "Container images of the alike batch job"

  depends_on = [google_project_service.apis]
}
