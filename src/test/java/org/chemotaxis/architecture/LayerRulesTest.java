package org.chemotaxis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the main classes: one-way layers, Akka
 * only where actors live, the commands reaching the domain through experiment/, config/ below
 * every domain package, the worm's world written against the public problem API.
 */
class LayerRulesTest {

    static final String ROOT = "org.chemotaxis";

    /** The packages of the domain: what a problem, a model and its training are made of. */
    static final String[] DOMAIN = {"..worm..", "..kernel..", "..math..", "..model..", "..task..", "..data..", "..perturb..",
        "..optim..", "..train..", "..experiment..", "..report..", "..runtime..", "..cli..", "..bench..", "..problem..",
        "..api.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void akkaOnlyWhereTheActorsAre() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(ROOT + ".runtime..", ROOT + ".cli..", ROOT + ".web..")
                .should().dependOnClassesThat().resideInAPackage("akka..")
                .because("the numerics and the experiments are plain Java, usable without an actor system");
        rule.check(main);
    }

    @Test
    void commandsReachTheDomainThroughExperiment() {
        noClasses().that().resideInAPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".worm..", ROOT + ".kernel..", ROOT + ".model..")
                .because("cli/ parses options and prints; experiment/ maps them to the domain")
                .check(main);
    }

    @Test
    void configImportsNoDomain() {
        noClasses().that().resideInAPackage(ROOT + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage(DOMAIN)
                .because("config/ is plain records and their validation; experiment/ maps them to domain objects")
                .check(main);
    }

    @Test
    void theProblemApiDependsOnNothingElseOfTheProject() {
        classes().that().resideInAPackage(ROOT + ".api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".api..", "java..")
                .because("a plugin compiled against the API alone must keep working")
                .check(main);
    }

    @Test
    void theWormsWorldIsAProblemWrittenAgainstThePublicApi() {
        classes().that().resideInAPackage(ROOT + ".worm..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".worm..", ROOT + ".api..",
                        ROOT + ".util..", ROOT + ".math..", "java..", "org.knowm.xchart..")
                .because("chemotaxis is a problem like any plugin's: the project runs the network and hands it over "
                        + "through the API; only plain utilities (random streams, deterministic functions) are shared")
                .check(main);
    }

    @Test
    void experimentsKnowNothingOfActors() {
        noClasses().that().resideInAPackage(ROOT + ".experiment..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".runtime..", ROOT + ".cli..")
                .check(main);
    }
}
