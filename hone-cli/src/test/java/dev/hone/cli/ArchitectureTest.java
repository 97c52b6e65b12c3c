package dev.hone.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the module layering of docs/ARCHITECTURE.md twice: on the Maven POMs (declared module
 * dependencies) and on the compiled classes (actual imports, via ArchUnit).
 */
class ArchitectureTest {
  /** Module → the Hone modules it may depend on. Keep in step with docs/ARCHITECTURE.md. */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("hone-core", Set.of()),
          Map.entry("hone-data", Set.of("hone-core")),
          Map.entry("hone-preprocess", Set.of("hone-core", "hone-data")),
          Map.entry("hone-eval", Set.of("hone-core")),
          Map.entry("hone-search", Set.of("hone-core")),
          Map.entry("hone-store-sqlite", Set.of("hone-core", "hone-search")),
          Map.entry("hone-store-postgres", Set.of("hone-core", "hone-search")),
          Map.entry("hone-learner-xgboost", Set.of("hone-core")),
          Map.entry("hone-learner-djl", Set.of("hone-core")),
          Map.entry("hone-fairness", Set.of("hone-core", "hone-eval")),
          Map.entry("hone-explain", Set.of("hone-core", "hone-eval")),
          Map.entry("hone-robustness", Set.of("hone-core", "hone-eval")),
          Map.entry("hone-report", Set.of("hone-core")),
          Map.entry(
              "hone-experiment",
              Set.of(
                  "hone-core", "hone-data", "hone-preprocess", "hone-eval", "hone-search",
                  "hone-store-sqlite", "hone-store-postgres", "hone-learner-xgboost", "hone-learner-djl",
                  "hone-fairness", "hone-explain", "hone-robustness",
                  "hone-report")),
          Map.entry("hone-cli", Set.of("hone-core", "hone-experiment")));

  /** Module → its root package. */
  static final Map<String, String> PACKAGE =
      Map.ofEntries(
          Map.entry("hone-core", "dev.hone.core"),
          Map.entry("hone-data", "dev.hone.data"),
          Map.entry("hone-preprocess", "dev.hone.preprocess"),
          Map.entry("hone-eval", "dev.hone.eval"),
          Map.entry("hone-search", "dev.hone.search"),
          Map.entry("hone-store-sqlite", "dev.hone.store.sqlite"),
          Map.entry("hone-store-postgres", "dev.hone.store.postgres"),
          Map.entry("hone-learner-xgboost", "dev.hone.learner.xgboost"),
          Map.entry("hone-learner-djl", "dev.hone.learner.djl"),
          Map.entry("hone-fairness", "dev.hone.fairness"),
          Map.entry("hone-explain", "dev.hone.explain"),
          Map.entry("hone-robustness", "dev.hone.robustness"),
          Map.entry("hone-report", "dev.hone.report"),
          Map.entry("hone-experiment", "dev.hone.experiment"),
          Map.entry("hone-cli", "dev.hone.cli"));

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hone");
  }

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("hone-core"))) {
      p = p.getParent();
    }
    return p;
  }

  @Test
  void pomDependenciesFollowTheLayering() throws Exception {
    Path root = root();
    Pattern dep =
        Pattern.compile("<groupId>dev\\.hone</groupId>\\s*<artifactId>(hone-[a-z0-9-]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);
    Set<String> modulesSeen = new TreeSet<>();
    try (var dirs = Files.list(root)) {
      for (Path dir : dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).toList()) {
        String module = dir.getFileName().toString();
        if (!ALLOWED.containsKey(module)) {
          continue;
        }
        modulesSeen.add(module);
        String pom = Files.readString(dir.resolve("pom.xml"));
        pom = pom.substring(pom.indexOf("<dependencies>") < 0 ? 0 : pom.indexOf("<dependencies>"));
        Matcher m = dep.matcher(pom);
        while (m.find()) {
          if (m.group(2).contains("<scope>test</scope>")) {
            continue;
          }
          assertTrue(
              ALLOWED.get(module).contains(m.group(1)),
              module + " must not depend on " + m.group(1) + " (see docs/ARCHITECTURE.md)");
        }
      }
    }
    assertEquals(new TreeSet<>(ALLOWED.keySet()), modulesSeen, "every module is checked");
  }

  @Test
  void classesOnlyUseAllowedModules() {
    for (var e : ALLOWED.entrySet()) {
      String own = PACKAGE.get(e.getKey());
      List<String> forbidden =
          PACKAGE.entrySet().stream()
              .filter(p -> !p.getKey().equals(e.getKey()) && !e.getValue().contains(p.getKey()))
              .map(p -> p.getValue() + "..")
              .toList();
      noClasses()
          .that()
          .resideInAPackage(own + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(String[]::new))
          .because(e.getKey() + " may only use " + e.getValue())
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void nativeEnginesOnlyInLearnerModules() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.hone.learner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ml.dmlc..", "ai.djl..", "ai.onnxruntime..")
        .check(classes);
  }

  @Test
  void librariesLogThroughSlf4jOnly() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.hone.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ch.qos.logback..", "java.util.logging..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.hone.cli..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(classes);
  }
}
