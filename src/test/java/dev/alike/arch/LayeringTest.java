package dev.alike.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages' layering, from the bottom: {@code model} (plain Java) <- {@code events}, {@code
 * store} <- {@code gcs} (inputs in Cloud Storage), {@code serving} (the one scorer), {@code
 * realtime} (real-time events: Pub/Sub, the local event log) <- {@code eval}, {@code function} (a
 * thin HTTP adapter), {@code job} <- {@code cli}, the only entry point that may see every package.
 * Each rule names what a package may not depend on, so a new dependency across a layer fails the
 * build, and no two packages may depend on each other, however indirectly.
 */
class LayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.alike");

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("dev.alike.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void modelAndEventsNeverTouchGoogleCloud() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.alike.model..", "dev.alike.events..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.cloud..", "com.google.api..", "com.google.firestore..")
        .check(CLASSES);
  }

  @Test
  void modelDependsOnNoOtherAlikePackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.alike.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.alike.events..",
            "dev.alike.store..",
            "dev.alike.job..",
            "dev.alike.function..",
            "dev.alike.serving..",
            "dev.alike.cli..",
            "dev.alike.eval..")
        .check(CLASSES);
  }

  private static void mayNotDependOn(String pkg, String... others) {
    String[] patterns = new String[others.length];
    for (int i = 0; i < others.length; i++) {
      patterns[i] = "dev.alike." + others[i] + "..";
    }
    noClasses()
        .that()
        .resideInAPackage("dev.alike." + pkg + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(patterns)
        .check(CLASSES);
  }

  @Test
  void eventsReadInputsOnly_onTopOfTheModel() {
    mayNotDependOn("events", "store", "gcs", "serving", "function", "job", "eval", "cli");
  }

  @Test
  void storeKeepsModels_andReadsNoInputs() {
    mayNotDependOn("store", "events", "gcs", "serving", "function", "job", "eval", "cli");
  }

  @Test
  void gcsAdaptsCloudStorageToEventInputs_only() {
    mayNotDependOn("gcs", "store", "serving", "function", "job", "eval", "cli");
  }

  @Test
  void functionServes_withoutTheBuildOrTheCli() {
    mayNotDependOn("function", "job", "gcs", "eval", "cli");
  }

  @Test
  void servingScores_withoutHttpTheBuildOrTheCli() {
    mayNotDependOn("serving", "function", "job", "cli", "eval", "gcs");
  }

  @Test
  void realtimeMovesEvents_withoutServingTheBuildOrCloudStorage() {
    mayNotDependOn("realtime", "function", "job", "gcs", "eval", "cli");
  }

  @Test
  void noLowerLayerSeesRealtime() {
    for (String lower : new String[] {"model", "events", "store", "gcs", "eval", "serving"}) {
      mayNotDependOn(lower, "realtime");
    }
  }

  @Test
  void evaluationNeedsNoStoreHttpOrCloud() {
    mayNotDependOn("eval", "store", "gcs", "function", "job", "cli");
  }

  /**
   * The Beam build (profile dataflow, src/dataflow/java) sits on top of everything, and nothing
   * else may see it or Beam: the default jar must run without Beam on the class path.
   */
  @Test
  void onlyTheBeamBuildSeesBeam() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.alike.beam..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.alike.beam..", "org.apache.beam..")
        .check(CLASSES);
  }

  @Test
  void jobIsNotAnEntryPointForTheCli() {
    mayNotDependOn("job", "cli", "eval");
  }

  @Test
  void jobScoresThroughServing_notThroughTheHttpFunction() {
    mayNotDependOn("job", "function");
  }
}
