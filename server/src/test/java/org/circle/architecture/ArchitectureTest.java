package org.circle.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package graph, layer by layer from the bottom: foundations (configuration, storage, text,
 * rate limits, domain errors, input checks); the wire protocol; the domain; the transports (HTTP
 * plumbing and the board socket); the API routes; the application that wires it all. A layer may
 * use only layers beneath it, and no two packages may depend on each other.
 */
@DisplayName("The package graph")
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.circle");
  }

  @Test
  @DisplayName("has no cycle between packages")
  void noCycles() {
    ArchRule rule = slices().matching("org.circle.(*)..").should().beFreeOfCycles();
    rule.check(classes);
  }

  @Test
  @DisplayName("is layered: domain code knows no transport, the protocol knows no domain")
  void layers() {
    ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Application").definedBy("org.circle", "org.circle.app..")
        .layer("Routes").definedBy("org.circle.api..")
        .layer("Transport").definedBy("org.circle.http..", "org.circle.realtime..")
        .layer("Domain").definedBy("org.circle.account..", "org.circle.community..", "org.circle.mandate..",
            "org.circle.groundrules..", "org.circle.consent..", "org.circle.lifecycle..", "org.circle.board..", "org.circle.session..",
            "org.circle.review..", "org.circle.theme..", "org.circle.journal..", "org.circle.retention..", "org.circle.export..")
        .layer("Protocol").definedBy("org.circle.protocol..")
        .layer("Foundation").definedBy("org.circle.config..", "org.circle.db..", "org.circle.text..",
            "org.circle.ratelimit..", "org.circle.error..", "org.circle.input..")
        .whereLayer("Application").mayNotBeAccessedByAnyLayer()
        .whereLayer("Routes").mayOnlyBeAccessedByLayers("Application")
        .whereLayer("Transport").mayOnlyBeAccessedByLayers("Routes", "Application")
        .whereLayer("Domain").mayOnlyBeAccessedByLayers("Transport", "Routes", "Application")
        .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Domain", "Transport", "Routes", "Application")
        .whereLayer("Protocol").mayOnlyAccessLayers("Foundation")
        .whereLayer("Foundation").mayNotAccessAnyLayer();
    rule.check(classes);
  }

  @Test
  @DisplayName("leaves no class outside a known layer")
  void everyPackageHasALayer() {
    ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .should().resideInAnyPackage("org.circle", "org.circle.app..", "org.circle.api..", "org.circle.http..",
            "org.circle.realtime..", "org.circle.account..", "org.circle.community..", "org.circle.mandate..",
            "org.circle.groundrules..", "org.circle.consent..", "org.circle.lifecycle..", "org.circle.board..", "org.circle.session..",
            "org.circle.review..", "org.circle.theme..", "org.circle.journal..", "org.circle.retention..", "org.circle.export..", "org.circle.protocol..", "org.circle.config..",
            "org.circle.db..", "org.circle.text..", "org.circle.ratelimit..", "org.circle.error..", "org.circle.input..");
    rule.check(classes);
  }
}
