package io.dvbridge.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's chromium in headless mode, driven through Debian's chromedriver: no download, no Selenium Manager, no network
 * of its own (no sync, no component updates, no QUIC), a fresh profile per start.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Skips the calling test when chromium is missing on a workstation; under CI (CI=true) a missing browser fails it. */
    static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String reason = "The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install -y chromium chromium-driver (.ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
    }

    static ChromeDriver start(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900", "--lang=en-US");
        // The console, for the tests' check that nothing was refused by the page's Content-Security-Policy or failed in its script.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** What the page wrote to the console as errors since the last call (a script error, a CSP refusal, a failed load). */
    static java.util.List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(e -> e.getMessage()).toList();
    }

    /**
     * With {@code -Ddvbridge.docs.update=true}, saves what the browser shows as {@code docs/images/<name>.png} (atomically),
     * so normal test runs never rewrite committed files.
     */
    static void screenshotForDocs(ChromeDriver browser, String name) throws IOException {
        if (!Boolean.getBoolean("dvbridge.docs.update")) {
            return;
        }
        Path images = Path.of(System.getProperty("dvbridge.home", ".")).resolve("docs").resolve("images");
        Files.createDirectories(images);
        Path temp = Files.createTempFile(images, "." + name, ".tmp");
        Files.write(temp, browser.getScreenshotAs(OutputType.BYTES));
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, images.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
