output "function_url" {
  description = "HTTPS endpoint of the recommendations API."
  value       = google_cloudfunctions2_function.recommend.url
}

output "job_name" {
  description = "Cloud Run job that builds the model: gcloud run jobs execute NAME --region REGION."
  value       = google_cloud_run_v2_job.build.name
}

output "events_bucket" {
  description = "Upload event files under gs://BUCKET/<events_prefix>."
  value       = google_storage_bucket.events.name
}

output "artifacts_bucket" {
  description = "Function source zips (function-source/) and build reports (reports/)."
  value       = google_storage_bucket.artifacts.name
}

output "job_image_repository" {
  description = "Where to push the job image (jib:build -Djib.to.image=THIS/alike-job:TAG)."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "deployer_service_account" {
  description = "Service account cloudbuild.yaml runs as (empty when create_deployer = false)."
  value       = var.create_deployer ? google_service_account.deployer[0].email : ""
}

output "deploy_order" {
  description = "deploy_order of the last applied build (deploy.tf reads it back to refuse older builds)."
  value       = terraform_data.deploy_order.output
}

output "deployed_build" {
  description = "The job image and function source object last applied (deploy.sh compares them to skip a deploy that is already done)."
  value       = "${var.job_image} ${var.function_source_object}"
}
