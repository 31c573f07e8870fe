package com.cloudalbum.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in Debian's headless Chromium against the whole system: a new user signs up, uploads
 * two photos at once (one geotagged), sees both thumbnails appear, searches, finds one marker on the
 * map, edits tags, deletes a photo, renames themself, reloads and is still signed in, signs out.
 * A description that looks like HTML must show as text. Screenshots go to
 * {@code system-test/target/screenshots}.
 */
@Order(3)
class WebAppIntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String BASE = "http://localhost:8080/";
    static final String XSS = "<img src=x onerror=alert(1)>";

    static ChromeDriver driver;
    static WebDriverWait wait;
    static Path screenshots;
    static Path photos;

    @BeforeAll
    static void browser() throws Exception {
        // no skipping: a machine without the browser fails here, and .ci/run installs it
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
        RunningSystem.get();
        Path target = RunningSystem.projectRoot().resolve("system-test/target");
        screenshots = Files.createDirectories(target.resolve("screenshots"));
        photos = Files.createDirectories(target.resolve("web-photos"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--lang=en-GB",
                "--user-data-dir=" + Files.createTempDirectory(target, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void newUser_signsUpUploadsSearchesMapsEditsDeletesRenamesAndSignsOut() throws Exception {
        try {
            scenario();
        } catch (Throwable failure) {
            shot("failure");
            throw failure;
        }
    }

    private void scenario() throws Exception {
        Path beach = photos.resolve("beach.jpg");
        Files.write(beach, TestPhotos.jpeg(1600, 1067, new Color(70, 140, 220), new Color(225, 200, 140),
                LocalDateTime.of(2024, 7, 14, 18, 30), "+02:00", "Canon", "EOS R6", 43.4832, -1.5586));
        Path snow = photos.resolve("snow.jpg");
        Files.write(snow, TestPhotos.jpeg(1200, 900, new Color(120, 130, 150), new Color(235, 240, 250),
                LocalDateTime.of(2023, 12, 24, 9, 5), "+01:00", "NIKON CORPORATION", "NIKON Z 6", null, null));

        driver.get(BASE);
        heading("Sign in");
        shot("01-sign-in");
        driver.findElement(By.linkText("Create an account")).click();
        heading("Create an account");
        type("name", "Web Tester");
        type("email", "web-" + UUID.randomUUID() + "@example.com");
        type("password", "Corr3ct-horse");
        accessible();
        shot("02-sign-up");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        heading("Your album");
        waitForText(By.cssSelector(".summary"), "No photos yet");
        assertThat(script("return localStorage.length + sessionStorage.length + document.cookie.length")).isEqualTo(0L);

        driver.findElement(By.linkText("Upload")).click();
        heading("Upload photos");
        type("upload-tags", "holiday, family");
        type("upload-description", XSS);
        driver.findElement(By.id("files")).sendKeys(beach + "\n" + snow);
        assertThat(driver.findElements(By.cssSelector("#queue .queue-item"))).hasSize(2);
        driver.findElement(By.id("start-upload")).click();
        wait.until(d -> d.findElements(By.cssSelector("#queue .queue-item[data-state=done]")).size() == 2);
        assertThat(driver.findElement(By.cssSelector("#queue .queue-item:nth-child(1) .outcome")).getText())
                .as("beach.jpg, the first file").contains("Place from the photo’s GPS");
        assertThat(driver.findElement(By.cssSelector("#queue .queue-item:nth-child(2) .outcome")).getText())
                .as("snow.jpg").contains("No place");
        assertThat(driver.findElement(By.cssSelector("#queue .queue-item:nth-child(1) progress")).getDomProperty("value"))
                .isEqualTo("100");
        String snowId = driver.findElement(By.xpath("//li[@data-state='done'][span[@class='file-name'][.='snow.jpg']]"))
                .getDomAttribute("data-id");
        accessible();
        shot("03-upload");

        script("window.sameDocument = true");
        driver.findElement(By.linkText("Album")).click();
        heading("Your album");
        wait.until(d -> d.findElements(By.cssSelector("#grid .tile")).size() == 2);
        System.out.println("[web] tiles on arrival: " + script("return [...document.querySelectorAll('#grid .tile')]"
                + ".map(tile => tile.dataset.status).join(', ')"));
        // PROCESSING placeholders turn into thumbnails without a reload once thumbnail-service is done
        new WebDriverWait(driver, Duration.ofSeconds(90))
                .until(d -> d.findElements(By.cssSelector("#grid .tile[data-status=READY] img.thumb")).size() == 2);
        wait.until(d -> (Boolean) script("return [...document.querySelectorAll('#grid img.thumb')]"
                + ".every(img => img.complete && img.naturalWidth > 0)"));
        assertThat(driver.findElement(By.cssSelector("#grid img.thumb")).getDomAttribute("alt")).isEqualTo(XSS);
        assertThat(script("return window.sameDocument === true")).as("no full reload on the way").isEqualTo(true);
        noAlert();
        shot("04-album");

        search("holiday");
        heading("Search: holiday");
        wait.until(d -> d.findElements(By.cssSelector("#grid .tile")).size() == 2);
        waitForText(By.cssSelector(".summary"), "2 photos found");
        search("no-such-thing");
        waitForText(By.cssSelector(".summary"), "No photo matches");

        driver.findElement(By.linkText("Map")).click();
        heading("Map");
        wait.until(d -> d.findElements(By.cssSelector("#map .leaflet-marker-icon")).size() == 1);
        assertThat(driver.findElements(By.cssSelector("#marker-list li"))).hasSize(1);
        driver.findElement(By.cssSelector("#map .leaflet-marker-icon")).click();
        WebElement popupThumb = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup img.popup-thumb")));
        wait.until(d -> (Boolean) script("const img = document.querySelector('.leaflet-popup img.popup-thumb');"
                + " return img.complete && img.naturalWidth > 0"));
        assertThat(popupThumb.getDomAttribute("alt")).startsWith("Photo taken");
        shot("05-map");

        driver.findElement(By.cssSelector(".leaflet-popup a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("details")));
        heading(XSS);
        assertThat(detail("description")).isEqualTo(XSS);
        assertThat(detail("taken")).isEqualTo("2024-07-14 18:30 (UTC+02:00)");
        assertThat(detail("camera")).isEqualTo("Canon EOS R6");
        assertThat(detail("place")).contains("43.48320, -1.55860");
        assertThat(detail("tags")).isEqualTo("holiday, family");
        assertThat(script("return document.querySelectorAll('img[src=\"x\"]').length")).isEqualTo(0L);
        wait.until(d -> (Boolean) script("const img = document.querySelector('img.preview-image');"
                + " return img !== null && img.complete && img.naturalWidth > 0"));
        noAlert();
        WebElement tags = driver.findElement(By.id("edit-tags"));
        tags.clear();
        tags.sendKeys("holiday, beach");
        driver.findElement(By.cssSelector("#edit-form button[type=submit]")).click();
        waitForText(By.id("status"), "Changes saved.");
        assertThat(detail("tags")).isEqualTo("holiday, beach");
        assertThat(detail("place")).as("the EXIF place is kept").contains("43.48320, -1.55860");
        accessible();
        shot("06-photo");

        search("beach");
        waitForText(By.cssSelector(".summary"), "1 photo found");
        shot("07-search");

        driver.findElement(By.linkText("Album")).click();
        heading("Your album");
        wait.until(d -> d.findElements(By.cssSelector("#grid .tile")).size() == 2);
        // both went up at once, so either may be the newer one
        driver.findElement(By.cssSelector("#grid .tile[data-id='" + snowId + "'] a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("details")));
        assertThat(detail("camera")).isEqualTo("NIKON CORPORATION NIKON Z 6");
        assertThat(detail("place")).isEqualTo("None");
        driver.findElement(By.id("delete")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        shot("08-delete-confirmation");
        dialog.findElement(By.id("confirm-ok")).click();
        heading("Your album");
        waitForText(By.id("status"), "Photo deleted.");
        wait.until(d -> d.findElements(By.cssSelector("#grid .tile")).size() == 1);

        driver.findElement(By.linkText("Profile")).click();
        heading("Your profile");
        WebElement name = driver.findElement(By.id("profile-new-name"));
        name.clear();
        name.sendKeys("Renamed Tester", Keys.ENTER);
        waitForText(By.id("status"), "Your name was changed.");
        assertThat(driver.findElement(By.id("profile-name")).getText()).isEqualTo("Renamed Tester");
        driver.navigate().refresh();
        heading("Your profile");
        assertThat(driver.findElement(By.id("profile-name")).getText()).as("a reload keeps the session").isEqualTo("Renamed Tester");
        accessible();
        shot("09-profile");

        driver.findElement(By.id("sign-out")).click();
        heading("Sign in");
        waitForText(By.id("status"), "You are signed out.");
        assertThat(script("return fetch('/api/users/me').then(r => r.status)")).as("no session left").isEqualTo(401L);
        driver.get(BASE + "#/profile");
        heading("Sign in");
        shot("10-signed-out");

        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                // the map's tiles come from the internet, which this machine may not reach
                .filter(message -> !message.contains("tile.openstreetmap.org"))
                // expected answers the app handles: no session yet at start, the signed-out check
                .filter(message -> !message.contains("/api/users/me - Failed to load resource: the server responded with a status of 401"))
                .filter(message -> !message.contains("/api/session/refresh - Failed to load resource: the server responded with a status of 401"))
                .toList();
        assertThat(problems).as("browser console errors (CSP violations, script errors)").isEmpty();
    }

    /** Every form control has a label and every image a text alternative (empty only for Leaflet's decorative tiles and shadows). */
    private static void accessible() {
        assertThat(script("return [...document.querySelectorAll('input, textarea, select')]"
                + ".filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.name || c.id)"))
                .as("controls without a label").asList().isEmpty();
        assertThat(script("return [...document.images]"
                + ".filter(i => !i.hasAttribute('alt') || (i.alt === '' && !i.className.startsWith('leaflet-'))).map(i => i.className)"))
                .as("images without alt text").asList().isEmpty();
    }

    private static void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    private static void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void search(String query) {
        type("search-q", query);
        driver.findElement(By.id("search-q")).sendKeys(Keys.ENTER);
        heading("Search: " + query);
    }

    private static String detail(String field) {
        return driver.findElement(By.cssSelector("#details dd[data-field=" + field + "]")).getText();
    }

    private static void waitForText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    private static void noAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // nothing user-provided ran as a script
        }
    }

    private static void shot(String name) throws Exception {
        script("window.scrollTo(0, 0)");
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
