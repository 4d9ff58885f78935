package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real browser for any system test: Debian's headless Chromium driven by Debian's chromedriver
 * (deploy/local/test.sh installs both with apt-get when missing; never a downloaded browser), with
 * what every page test needs: signing in on Keycloak's own login page, axe-core (from the npm package
 * installed by the build) with no serious or critical violation allowed, keyboard-only moves, and
 * screenshots at 320 and 1280 pixels saved as test artifacts under {@code system-tests/target/browser/}.
 *
 * <p>One browser per test class is enough ({@link #start()} in a {@code @BeforeAll}); every browser
 * has its own fresh profile, so cookies never leak from one test class to another.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(Env.get("ANAISS_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(Env.get("ANAISS_CHROMEDRIVER", "/usr/bin/chromedriver"));
    public static final Path ARTIFACTS = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize()
            .resolve("system-tests/target/browser");
    private static final Path AXE = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize()
            .resolve("system-tests/node_modules/axe-core/axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NARROW = 320;
    private static final int WIDE = 1280;

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** A fresh headless Chromium, 1280 pixels wide, French first. Fails loudly when Chromium is missing. */
    public static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): deploy/local/test.sh installs them, or: apt-get install -y chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("anaiss-chromium-");
            Path downloads = Files.createDirectories(ARTIFACTS.resolve("downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDE + ",900", "--lang=fr-FR");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr",
                    "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return new Browser(driver, profile, downloads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a browser profile", e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String title() {
        return driver.getTitle();
    }

    public String text() {
        // the page may be replaced between finding its body and reading it (a redirect after a POST): read the new one
        for (int attempt = 1;; attempt++) {
            try {
                return driver.findElement(By.tagName("body")).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** A script that calls its last argument when done (fetch and the like); answers what it passed. */
    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    /** Waits for a condition; when it does not come, the screen and its text are kept (target/browser/failures/) and told. */
    public void waitFor(Predicate<Browser> condition, String what) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> condition.test(this));
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "failure-" + System.currentTimeMillis();
            String shown = "";
            try {
                Path dir = Files.createDirectories(ARTIFACTS.resolve("failures"));
                Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
                shown = text();
            } catch (IOException | RuntimeException ignored) {
                // the timeout itself is what matters
            }
            throw new AssertionError("waited in vain for " + what + " at " + driver.getCurrentUrl() + " (target/browser/failures/"
                    + name + ".png); the page said: " + shown, e);
        }
    }

    public WebElement waitVisible(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Signs in on Keycloak's own login page (the browser must be on it). */
    public void signInOnKeycloak(String username, String password) {
        waitVisible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Whether the browser shows Keycloak's login form. */
    public boolean onKeycloakLogin() {
        return !driver.findElements(By.id("kc-login")).isEmpty() && driver.getCurrentUrl().startsWith(Env.keycloakUrl());
    }

    // ------------------------------------------------------------------ keyboard

    /**
     * Presses Tab until the focused element matches (at most {@code maxTabs} times) and answers it:
     * proof that it is reachable by keyboard alone, in the page's focus order.
     */
    public WebElement tabTo(Predicate<WebElement> target, String what, int maxTabs) {
        for (int i = 0; i < maxTabs; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement active = driver.switchTo().activeElement();
            if (target.test(active)) {
                return active;
            }
        }
        throw new AssertionError(what + " was not reached with " + maxTabs + " presses of Tab");
    }

    public WebElement tabToId(String id, int maxTabs) {
        return tabTo(e -> id.equals(e.getAttribute("id")), "#" + id, maxTabs);
    }

    /** Tab to the button or link whose visible text contains {@code text}. */
    public WebElement tabToText(String text, int maxTabs) {
        return tabTo(e -> e.getText() != null && e.getText().contains(text), "'" + text + "'", maxTabs);
    }

    /** Types into (or presses keys on) the focused element, as a keyboard would. */
    public void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Starts keyboard navigation from the top of the page. */
    public void focusTop() {
        script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        driver.findElement(By.tagName("body"));
        script("document.body.setAttribute('tabindex','-1'); document.body.focus(); document.body.removeAttribute('tabindex');");
    }

    // ------------------------------------------------------------------ accessibility and screenshots

    /** One axe-core violation, as reported. */
    public record Violation(String id, String impact, String help, List<String> targets) {
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page, writes its report to
     * {@code target/browser/axe/<screen>.json} and answers the violations.
     */
    public List<Violation> axe(String screen) {
        try {
            if (script("return typeof window.axe") .equals("undefined")) {
                script(Files.readString(AXE));
            }
            Object raw = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                    + " resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
            String report = String.valueOf(raw);
            if (report.startsWith("error:")) {
                throw new AssertionError("axe-core failed on " + screen + ": " + report);
            }
            Files.createDirectories(ARTIFACTS.resolve("axe"));
            Files.writeString(ARTIFACTS.resolve("axe/" + screen + ".json"), report);
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : JSON.readTree(report)) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                violations.add(new Violation(v.path("id").asText(), v.path("impact").asText(), v.path("help").asText(), targets));
            }
            return violations;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run axe-core from " + AXE + " (installed by the build: npm ci in system-tests)", e);
        }
    }

    /** axe-core finds no serious or critical violation on the current page. */
    public void assertAccessible(String screen) {
        List<Violation> blocking = axe(screen).stream().filter(v -> v.impact().equals("serious") || v.impact().equals("critical"))
                .toList();
        assertThat(blocking).as("serious or critical accessibility violations on " + screen + " (report: target/browser/axe/"
                + screen + ".json)").isEmpty();
    }

    /**
     * Screenshots of the whole page at 320 and 1280 pixels wide: {@code target/browser/screenshots/<screen>-320.png}
     * and {@code -1280.png}. Answers their paths.
     */
    public List<Path> screenshots(String screen) {
        List<Path> saved = new ArrayList<>();
        try {
            Path dir = Files.createDirectories(ARTIFACTS.resolve("screenshots"));
            for (int width : new int[] { NARROW, WIDE }) {
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                        "deviceScaleFactor", 1, "mobile", width < 600));
                long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"))
                        .longValue();
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                        "height", Math.min(Math.max(height, 600), 8000), "deviceScaleFactor", 1, "mobile", width < 600));
                Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                        "captureBeyondViewport", true));
                Path file = dir.resolve(screen + "-" + width + ".png");
                Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
                saved.add(file);
            }
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshots of " + screen, e);
        }
        return saved;
    }

    /** Both checks every screen gets: accessible, and pictured at both widths. */
    public void checkScreen(String screen) {
        screenshots(screen);
        assertAccessible(screen);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
