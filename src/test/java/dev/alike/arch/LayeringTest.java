package dev.alike.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model and the event parsers are plain Java: no Google Cloud, no I/O adapters. */
class LayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.alike");

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
            "dev.alike.cli..",
            "dev.alike.eval..")
        .check(CLASSES);
  }
}
