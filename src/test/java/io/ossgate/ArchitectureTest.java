package io.ossgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md, enforced: data flows one way (site → routing → upstream →
 * proxy), pure packages stay free of Vert.x, and nothing but the composition root wires things.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ossgate");
  }

  @Test
  void layersOnlyReachDownward() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("common").definedBy("io.ossgate.common..")
        .layer("oss").definedBy("io.ossgate.oss..")
        .layer("signing").definedBy("io.ossgate.signing..")
        .layer("config").definedBy("io.ossgate.config..")
        .layer("site").definedBy("io.ossgate.site..")
        .layer("health").definedBy("io.ossgate.health..")
        .layer("routing").definedBy("io.ossgate.routing..")
        .layer("metrics").definedBy("io.ossgate.metrics..")
        .layer("upstream").definedBy("io.ossgate.upstream..")
        .layer("proxy").definedBy("io.ossgate.proxy..")
        .layer("auth").definedBy("io.ossgate.auth..")
        .layer("admin").definedBy("io.ossgate.admin..")
        .layer("emulator").definedBy("io.ossgate.emulator..")
        .layer("server").definedBy("io.ossgate.server..")
        .whereLayer("server").mayNotBeAccessedByAnyLayer()
        .whereLayer("admin").mayOnlyBeAccessedByLayers("server")
        .whereLayer("emulator").mayOnlyBeAccessedByLayers("server")
        .whereLayer("auth").mayOnlyBeAccessedByLayers("server")
        .whereLayer("proxy").mayOnlyBeAccessedByLayers("auth", "server")
        .whereLayer("routing").mayOnlyBeAccessedByLayers("proxy", "admin", "server")
        .whereLayer("upstream").mayOnlyBeAccessedByLayers("proxy", "auth", "server")
        .check(classes);
  }

  @Test
  void healthNeverReachesIntoRoutingOrUpstream() {
    noClasses().that().resideInAPackage("io.ossgate.health..")
        .should().dependOnClassesThat().resideInAnyPackage("io.ossgate.routing..", "io.ossgate.upstream..",
            "io.ossgate.proxy..")
        .check(classes);
  }

  @Test
  void pureModelPackagesUseNoVertx() {
    noClasses().that().resideInAnyPackage("io.ossgate.signing..", "io.ossgate.health..", "io.ossgate.routing..",
            "io.ossgate.oss..", "io.ossgate.common..", "io.ossgate.site..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.ossgate.(*)..").should().beFreeOfCycles().check(classes);
  }
}
