# Events: the shop uploads event (and catalog) files here, and the subscriptions write real-time
# events and recorded answers; only the batch job reads them.
resource "google_storage_bucket" "events" {
  name                        = local.events_bucket
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.allow_destroy_data

  # Recorded answers (experiments.tf): the report reads the last 14 days by default.
  lifecycle_rule {
    condition {
      age            = var.answers_retention_days
      matches_prefix = [var.answers_prefix]
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [time_sleep.apis_ready]
}

# Artifacts: function source zips (one object per build, so rollback = apply an older name),
# the sources `gcloud builds submit` stages here (docs/deploy.md), the job's build reports and
# its experiment reports. Old
# ones are deleted: a zip is read only while Cloud Functions builds it, so after
# var.source_retention_days a code rollback means rebuilding the older commit.
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

  # Experiment reports and dashboards (experiments.tf): never public, whatever the object ACLs
  # (public_access_prevention above); experiments/latest/ is rewritten by every build.
  lifecycle_rule {
    condition {
      age            = var.experiment_report_retention_days
      matches_prefix = [local.experiments_prefix]
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      age            = var.source_retention_days
      matches_prefix = ["function-source/", "build-source/"]
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [time_sleep.apis_ready]
}

# Every build pushes alike-job:BUILD_ID. Images older than var.source_retention_days are deleted,
# except the newest var.keep_images of each package: the deployed image is always among them,
# because deploys only move forward (deploy.tf). KEEP wins over DELETE.
resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = local.image_repository
  format        = "DOCKER"
  description   = "Container images of the alike batch job"

  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      tag_state = "ANY"
      # In seconds: the API answers in seconds, and providers before 6.17 show "90d" as a change
      # on every plan.
      older_than = "${var.source_retention_days * 86400}s"
    }
  }
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = var.keep_images
    }
  }

  depends_on = [time_sleep.apis_ready]
}

# The functions' images: each function build pushes two (the image and its cache). Cloud Functions
# would otherwise put them in its own gcf-artifacts repository, which nothing cleans up and where
# the build account would need write access to every repository of the project.
resource "google_artifact_registry_repository" "function_images" {
  location      = var.region
  repository_id = "${var.name_prefix}-function-images"
  format        = "DOCKER"
  description   = "Container images Cloud Functions builds for the alike functions"

  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      tag_state  = "ANY"
      older_than = "${var.source_retention_days * 86400}s"
    }
  }
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = var.keep_images
    }
  }

  depends_on = [time_sleep.apis_ready]
}

# The state bucket is made by hand before `terraform init` (deploy.sh), so it is read here, not
# managed: a plan stops unless object versioning is on, because versioning is what lets you
# recover a state file that a failed or concurrent apply overwrote
# (gcloud storage ls -a gs://BUCKET/PREFIX/default.tfstate lists the versions).
data "google_storage_bucket" "state" {
  name = local.state_bucket
  # Without project the data source asks the Compute API for the project id; it is not enabled.
  project = var.project_id

  lifecycle {
    postcondition {
      condition     = try(self.versioning[0].enabled, false)
      error_message = "Object versioning is off on the state bucket gs://${local.state_bucket}: gcloud storage buckets update gs://${local.state_bucket} --versioning"
    }
  }

  depends_on = [time_sleep.apis_ready]
}
