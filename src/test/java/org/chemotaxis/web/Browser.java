package org.chemotaxis.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium through Debian's chromedriver, both named by path so that nothing
 * is looked up or downloaded. A missing browser fails the test (CI installs both).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots go. */
    static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    final ChromeDriver driver;

    Browser(Path profile) {
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                throw new AssertionError(p + " is missing: install the Debian packages chromium and chromium-driver "
                        + "(.ci/run does)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1100", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The epochs the loss chart was given, e.g. "1,2,3". */
    String lossEpochs() {
        return driver.findElement(By.id("chart-loss")).getAttribute("data-epochs");
    }

    /** The best network's picture as drawn: "epoch:kind" (epoch from 1), or ":" before the first. */
    String picture() {
        var el = driver.findElement(By.id("best-picture"));
        return el.getAttribute("data-epoch") + ":" + el.getAttribute("data-kind");
    }

    /** The best epoch the header names (from 1), or "" before the first epoch ends. */
    String bestEpoch() {
        String best = text("best");
        return best.startsWith("epoch ") ? best.substring(6, best.indexOf(' ', 6)) : "";
    }

    void waitUntil(String what, Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(50)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page never showed " + what + "; it shows: epochs [" + lossEpochs()
                    + "], workers " + text("workers-now") + ", status " + text("status") + ", picture " + picture(), e);
        }
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
