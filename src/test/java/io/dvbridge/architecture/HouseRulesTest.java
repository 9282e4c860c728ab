package io.dvbridge.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.dvbridge.jobs.InvalidRequestException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rooms of the house plan (DESIGN.md), checked on the product's classes; tests may use anything.
 *
 * <p>Plain JUnit tests rather than {@code @ArchTest} fields: Surefire 3.5.3, this build's, silently skips
 * {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
class HouseRulesTest {

    /** What a domain package never touches: HTTP and URLs, Camel, and the libraries of the other rooms. */
    private static final String[] OUTER_ROOMS = {
            "java.net..", "javax.net..", "org.apache.hc..", "org.apache.http..", "okhttp3..", "io.vertx..",
            "org.apache.camel..", "org.springframework..", "com.microsoft.aad.msal4j.."};

    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        // the rules look at dvbridge's own classes and the package names they refer to: no need to load the libraries
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        // The bench profile compiles bench/ into target/classes too; benchmarks start sandboxes like tests do.
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/dvbridge/bench/"))
                .importPackages("io.dvbridge");
    }

    @Test
    void rebind_decides_without_http_camel_or_other_rooms() {
        domainPackage("rebind").check(product);
    }

    @Test
    void cmt_decides_without_http_camel_or_other_rooms() {
        domainPackage("cmt").check(product);
    }

    @Test
    void check_decides_without_http_camel_or_other_rooms() {
        domainPackage("check").check(product);
    }

    /** export/ and push/ are planned domain packages (DESIGN.md): their rules hold from the day they appear. */
    @Test
    void export_and_push_decide_without_http_camel_or_other_rooms() {
        domainPackage("export").allowEmptyShould(true).check(product);
        domainPackage("push").allowEmptyShould(true).check(product);
    }

    @Test
    void only_the_command_line_uses_the_sandbox_tenant() {
        noClasses().that().resideOutsideOfPackages("io.dvbridge.sandbox..", "io.dvbridge.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.dvbridge.sandbox..")
                .because("the production code path is the same for the sandbox and a real tenant; only cli/ starts the sandbox")
                .check(product);
    }

    @Test
    void the_packages_of_dvbridge_depend_on_each_other_without_cycles() {
        slices().matching("io.dvbridge.(*)..").should().beFreeOfCycles().check(product);
    }

    @Test
    void only_jobs_the_command_line_and_the_triggers_refuse_requests() {
        noClasses().that().resideOutsideOfPackages("io.dvbridge.jobs..", "io.dvbridge.cli..", "io.dvbridge.triggers..")
                .should().callConstructor(InvalidRequestException.class, String.class, String.class)
                .because("domain packages throw their own typed exceptions; jobs/, cli/ and triggers/ turn them into refusals")
                .check(product);
    }

    private static ArchRule domainPackage(String name) {
        String domain = "io.dvbridge." + name + "..";
        DescribedPredicate<JavaClass> otherRooms = resideInAnyPackage(OUTER_ROOMS)
                .or(resideInAPackage("io.dvbridge..").and(resideOutsideOfPackage(domain)))
                .as("HTTP, Camel, another room's library or another package of dvbridge");
        return noClasses().that().resideInAPackage(domain)
                .should().dependOnClassesThat(otherRooms)
                .because("decisions live in plain Java: routes and components do the talking (DESIGN.md, rules of the house)");
    }
}
