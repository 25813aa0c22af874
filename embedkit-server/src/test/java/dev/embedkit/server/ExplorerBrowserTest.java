package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.train.nexttoken.TiedTokens;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The explorer page in a real browser (Debian's chromium and chromium-driver; skipped without
 * {@code /usr/bin/chromedriver}), on the hand-made 6×3 "royals" model where king − man + woman = queen exactly.
 * Screenshots go to {@code target/explorer-*.png}.
 */
class ExplorerBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");

    @TempDir
    static Path dir;
    private static TestServer server;
    private static WebDriver driver;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        server = new TestServer(dir);
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pipelineNeighboursAndAnalogyOnAHandMadeModel() throws IOException {
        driver.get(server.server.url() + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
        new Select(driver.findElement(By.id("model"))).selectByValue("royals");

        // the default text has words royals does not know: the API's problem is shown inline
        wait.until(d -> d.findElement(By.id("pipeline-error")).isDisplayed());
        assertThat(driver.findElement(By.id("pipeline-error")).getText()).contains("the");

        WebElement text = driver.findElement(By.id("text"));
        text.clear();
        text.sendKeys("king queen man", Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#tokens .chip")).size() == 3);
        assertThat(driver.findElement(By.id("pipeline-error")).isDisplayed()).isFalse();
        List<WebElement> chips = driver.findElements(By.cssSelector("#tokens .chip"));
        assertThat(chips).extracting(c -> c.getAttribute("data-id")).containsExactly("0", "1", "2");

        // hovering queen (ID 1) highlights row 1 of E and position 1 of the sequence matrix
        new Actions(driver).moveToElement(chips.get(1)).perform();
        wait.until(d -> "1".equals(d.findElement(By.id("window-heat")).getAttribute("data-focus-id")));
        assertThat(driver.findElement(By.cssSelector("#window-heat li.current")).getText()).isEqualTo("1 queen");
        assertThat(driver.findElement(By.cssSelector("#seq-heat li.current")).getText()).isEqualTo("1 queen");
        // Tab from it to the next chip (man, ID 2): focus does what hover does
        chips.get(1).sendKeys(Keys.TAB);
        wait.until(d -> "2".equals(d.findElement(By.id("window-heat")).getAttribute("data-focus-id")));
        assertThat(driver.findElement(By.cssSelector("#window-heat li.current")).getText()).isEqualTo("2 man");
        // the logits of the last position (man's row): man itself scores highest
        wait.until(d -> !d.findElements(By.cssSelector("#logits li")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#logits li")).getAttribute("data-token")).isEqualTo("man");
        screenshot("explorer-pipeline");

        assertThat(twoNeighbours(wait, "king")).containsExactly("prince", "man");

        driver.findElement(By.cssSelector("#an-form button[type=submit]")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#an-results li")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#an-results li")).getAttribute("data-token")).isEqualTo("queen");
        assertThat(driver.findElement(By.id("an-expression")).getText()).startsWith("king − man + woman ≈ queen");
        assertThat(driver.findElements(By.cssSelector("#an-vectors li"))).hasSize(4);

        // the map shows the six tokens, those of the text and queries highlighted
        wait.until(d -> d.findElements(By.cssSelector("#map-svg circle")).size() == 6);
        assertThat(driver.findElements(By.cssSelector("#map-svg text.hl"))).extracting(WebElement::getText)
                .contains("king", "queen", "man", "woman");
        Object outside = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const svg = document.getElementById('map-svg');"
                + "const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);"
                + "return [...svg.querySelectorAll('circle')].filter(c => {"
                + "  const x = Number(c.getAttribute('cx')), y = Number(c.getAttribute('cy'));"
                + "  return !(x >= 0 && x <= w && y >= 0 && y <= h); }).length;");
        assertThat(outside).as("points outside the map before any zoom or pan").isEqualTo(0L);
        // zoom with + on the focused map, then pan by dragging: the points move
        WebElement map = driver.findElement(By.id("map-svg"));
        String before = circleX();
        map.sendKeys("+");
        String zoomed = circleX();
        assertThat(zoomed).isNotEqualTo(before);
        new Actions(driver).dragAndDropBy(map, 40, 0).perform();
        assertThat(Double.parseDouble(circleX())).isCloseTo(Double.parseDouble(zoomed) + 40, org.assertj.core.data.Offset.offset(1.0));
        assertThat(driver.findElement(By.id("tr-status")).getText()).startsWith("no training log attached");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('analogies').scrollIntoView()");
        screenshot("explorer-search");

        assertNoScriptErrors(); // the refusals here are of unknown words, shown inline above
    }

    @Test
    void aSubwordModelsUnknownWordsAreMarked() throws IOException {
        try (TestServer subwords = new TestServer(List.of(SubwordApiTest.handMade()))) {
            driver.get(subwords.server.url() + "/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 1);
            wait.until(d -> d.findElement(By.id("model-info")).getText().contains("unknown words from their 4..4-grams"));
            WebElement text = driver.findElement(By.id("text"));
            text.clear();
            text.sendKeys("cab cat", Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("#tokens .chip")).size() == 2
                    && "cab".equals(d.findElement(By.cssSelector("#tokens .chip .tok")).getText()));
            List<WebElement> chips = driver.findElements(By.cssSelector("#tokens .chip"));
            assertThat(chips).extracting(c -> c.getAttribute("data-id")).containsExactly("-1", "0");
            assertThat(chips.get(0).getAttribute("class")).contains("oov");
            assertThat(chips.get(0).findElement(By.cssSelector(".id")).getText()).isEqualTo("OOV");
            new Actions(driver).moveToElement(chips.get(0)).perform();
            wait.until(d -> d.findElement(By.id("window-label")).getText().contains("not in the vocabulary"));
            assertThat(driver.findElement(By.id("window-label")).getText()).contains("mean of its 2 character n-grams");

            assertThat(twoNeighbours(wait, "cab")).containsExactly("car", "cat");
            assertThat(driver.findElement(By.id("nb-note")).getText()).contains("“cab” is not in the vocabulary");
            screenshot("explorer-oov");
            assertNoScriptErrors();
        } finally {
            driver.get("about:blank");
        }
    }

    @Test
    void aNarrowScreenStacksTheViews() throws IOException {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
        try {
            driver.get(server.server.url() + "/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
            WebElement neighbours = driver.findElement(By.id("neighbours"));
            WebElement analogies = driver.findElement(By.id("analogies"));
            assertThat(analogies.getLocation().getY()).isGreaterThan(neighbours.getLocation().getY());
            assertThat(neighbours.getSize().getWidth()).isLessThanOrEqualTo(420);
            screenshot("explorer-narrow");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    @Test
    void theTrainingViewFollowsTheLogLive(@TempDir Path logDir) throws IOException {
        Path log = Files.writeString(logDir.resolve("train.log"),
                "{\"step\":0,\"words\":0,\"epoch\":0,\"loss\":3.5,\"lr\":0.025,\"words_per_sec\":0,\"time_s\":0.1}\n");
        try (TestServer watching = new TestServer(logDir, Limits.DEFAULT, log)) {
            driver.get(watching.server.url() + "/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(d -> d.findElement(By.id("tr-status")).getText().startsWith("1 lines"));
            Files.writeString(log, "{\"step\":500,\"words\":25000,\"epoch\":0,\"loss\":2.75,\"lr\":0.02,"
                    + "\"words_per_sec\":48000,\"time_s\":0.6}\n", java.nio.file.StandardOpenOption.APPEND);
            wait.until(d -> d.findElement(By.id("tr-status")).getText().startsWith("2 lines"));
            assertThat(driver.findElement(By.id("tr-status")).getText()).contains("step 500", "loss 2.7500", "48000 words/s");
            assertThat(driver.findElements(By.cssSelector("#tr-loss path.l0"))).hasSize(1);
            assertThat(driver.findElements(By.cssSelector("#tr-rate path.l0"))).hasSize(1);
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "document.getElementById('training').scrollIntoView()");
            screenshot("explorer-training");
            driver.get("about:blank");   // closes the event stream before the server stops
        }
    }

    @Test
    void theGuidedTourShowsEveryStepsNumbersAsTheApiComputesThem() throws IOException {
        driver.get(server.server.url() + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
        new Select(driver.findElement(By.id("model"))).selectByValue("royals");
        // royals knows only its six words: the text-to-tensor step gets two of them
        js("document.getElementById('tour-text').value = 'king queen'");
        driver.findElement(By.id("tab-tour")).click();
        assertThat(driver.findElement(By.id("explore")).isDisplayed()).isFalse();
        wait.until(d -> d.findElements(By.cssSelector(".tour-step[data-state=ready]")).size() == 7);

        // each panel, in the story's order, shows the numbers of GET …/tour for its step
        assertThat(driver.findElements(By.cssSelector(".tour-step h2"))).extracting(WebElement::getText).containsExactly(
                "1. IDs carry no meaning", "2. Lookup is indexing", "3. Directions carry meaning", "4. From text to tensor",
                "5. Learned, not defined", "6. The return trip", "7. Why no duplicates", "8. High-dimensional space is vast");
        JsonNode ids = api("ids");
        assertThat(fact("ids", "pairs")).isEqualTo("5000");
        assertThat(fact("ids", "ks_distance")).isEqualTo(String.format(Locale.ROOT, "%.3f", ids.get("ks_distance").asDouble()));
        assertThat(fact("ids", "mean_gap")).isEqualTo(String.format(Locale.ROOT, "%.4f", ids.get("mean_gap").asDouble()));
        assertThat(driver.findElements(By.cssSelector("#tour-ids svg path"))).hasSize(4);
        assertThat(fact("lookup", "id")).isEqualTo("5 'apple'"); // 104 is past the end: the last ID
        assertThat(fact("lookup", "lookup_bit_identical")).isEqualTo("yes");
        assertThat(fact("lookup", "row")).isEqualTo("[0.000, 0.000, 1.000]");
        // man → woman and king → queen are parallel in royals; the other default pairs are not in it
        assertThat(fact("directions", "mean_offset_cosine")).isEqualTo("1.000");
        assertThat(fact("directions", "skipped")).startsWith("he:she, father:mother");
        assertThat(driver.findElements(By.cssSelector("#tour-directions .bars li"))).extracting(li -> li.getAttribute("data-token"))
                .containsExactly("man", "woman", "king", "queen");
        assertThat(fact("tensor", "ids")).isEqualTo("[0, 1]");
        assertThat(fact("tensor", "shape")).isEqualTo("2 × 3");
        assertThat(driver.findElement(By.cssSelector("#tour-lineup .bars[data-temperature='1'] li")).getAttribute("data-token"))
                .isEqualTo("queen");
        assertThat(driver.findElement(By.cssSelector("#tour-lineup .bars[data-temperature='1'] li .val")).getText())
                .startsWith(String.format(Locale.ROOT, "p %.3f", api("lineup").at("/temperatures/1/top/0/probability").asDouble()));
        assertThat(fact("duplicates", "queried")).isEqualTo("6");
        assertThat(fact("duplicates", "closest_pairs")).startsWith(api("duplicates").at("/closest_pairs/0/a").asText() + "~");
        assertThat(driver.findElements(By.cssSelector("#tour-space tbody tr"))).hasSize(6);
        assertThat(driver.findElements(By.cssSelector("#tour-space svg path"))).hasSize(6);
        assertThat(driver.findElement(By.cssSelector("#tour-duplicates [data-key=tie]")).getText())
                .contains("serve --tour-corpus");
        assertThat(driver.findElement(By.id("tour-learned-status")).getText()).startsWith("no training log attached");
        screenshot("explorer-tour");

        // step 4 links into the pipeline view with its text
        driver.findElement(By.id("tour-open-pipeline")).click();
        wait.until(d -> d.findElements(By.cssSelector("#tokens .chip")).size() == 2);
        assertThat(driver.findElement(By.id("tour")).isDisplayed()).isFalse();
        assertNoScriptErrors();
    }

    @Test
    void withATourCorpusTheDuplicatesPanelShowsTheTieExperiment(@TempDir Path tieDir) throws IOException {
        // "a x" and "b y" alternate: tying a and b to one vector costs loss
        List<int[]> corpus = new java.util.ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            corpus.add(s % 2 == 0 ? new int[] {0, 2} : new int[] {1, 3});
        }
        TiedTokens experiment = new TiedTokens("a-x b-y", Vocabulary.of(List.of("a", "b", "x", "y"),
                new long[] {500, 500, 500, 500}), corpus, TiedTokens.defaultSettings().withBatchSize(8));
        try (TestServer tying = new TestServer(tieDir, Limits.DEFAULT, null, experiment)) {
            driver.get(tying.server.url() + "/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
            new Select(driver.findElement(By.id("model"))).selectByValue("royals");
            js("document.getElementById('tour-text').value = 'king queen'");
            js("document.getElementById('tour-samples').value = '200'");
            js("document.getElementById('tour-tie-steps').value = '40'");
            driver.findElement(By.id("tab-tour")).click();
            wait.until(d -> "ready".equals(d.findElement(By.id("tour-duplicates")).getAttribute("data-state")));
            TestServer.Response answer = tying.get("/api/v1/models/royals/tour?step=duplicates&samples=200"
                    + "&text=king%20queen&tie_steps=40&pairs=man:woman,king:queen,he:she,father:mother,brother:sister,son:daughter,boy:girl");
            JsonNode tie = answer.json().at("/result/tie");
            assertThat(tie.get("a").asText()).isEqualTo("a"); // "the" and "and" are not in this corpus: the two most frequent
            assertThat(fact("duplicates", "loss_rise"))
                    .isEqualTo(String.format(Locale.ROOT, "+%.4f nats per token", tie.get("loss_rise").asDouble()));
            assertThat(fact("duplicates", "tie_cosine")).startsWith("1.000 → ");
            assertThat(driver.findElements(By.cssSelector("#tour-duplicates svg.chart"))).hasSize(3);
            assertThat(driver.findElements(By.cssSelector("#tour-duplicates svg.chart path"))).hasSize(5);
            js("document.getElementById('tour-duplicates').scrollIntoView()");
            screenshot("explorer-tour-tie");
        }
    }

    @Test
    void theLearnedPanelPlotsTheWatchedPairsOfTheTrainingLog(@TempDir Path logDir) throws IOException {
        Path log = Files.writeString(logDir.resolve("train.log"),
                "{\"step\":0,\"loss\":3.5,\"watch\":{\"cat:dog\":0.02,\"king:queen\":-0.05}}\n"
                + "{\"step\":500,\"loss\":2.9,\"watch\":{\"cat:dog\":0.41,\"king:queen\":0.37}}\n");
        try (TestServer watching = new TestServer(logDir, Limits.DEFAULT, log)) {
            driver.get(watching.server.url() + "/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
            driver.findElement(By.id("tab-tour")).click();
            wait.until(d -> d.findElement(By.id("tour-learned-status")).getText().startsWith("2 log steps"));
            assertThat(driver.findElement(By.id("tour-learned-status")).getText())
                    .isEqualTo("2 log steps; now cat:dog 0.410, king:queen 0.370");
            assertThat(driver.findElements(By.cssSelector("#tour-learned-chart path"))).hasSize(2);
            js("document.getElementById('tour-learned').scrollIntoView()");
            screenshot("explorer-tour-learned");
            driver.get("about:blank");   // closes the event stream before the server stops
        }
    }

    @Test
    void withAnApiTokenThePageTakesItFromTheFragmentOrAsksForIt(@TempDir Path logDir) throws IOException {
        Path log = Files.writeString(logDir.resolve("train.log"), "{\"step\":0,\"loss\":3.5}\n");
        String token = "s3cret token";
        try (TestServer guarded = new TestServer(logDir.resolve("a"), Limits.DEFAULT, log, null,
                new dev.embedkit.server.auth.BearerToken(token))) {
            driver.get(guarded.server.url() + "/#token=" + token.replace(" ", "%20"));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
            wait.until(d -> d.findElement(By.id("tr-status")).getText().startsWith("1 lines"));
            assertThat(driver.getCurrentUrl()).doesNotContain("token"); // out of the address bar (and history)
            Files.writeString(log, "{\"step\":9,\"loss\":2.5}\n", java.nio.file.StandardOpenOption.APPEND);
            wait.until(d -> d.findElement(By.id("tr-status")).getText().startsWith("2 lines")); // the stream, with the header
            driver.get("about:blank");
        }
        try (TestServer guarded = new TestServer(logDir.resolve("b"), Limits.DEFAULT, null, null,
                new dev.embedkit.server.auth.BearerToken(token))) {
            driver.get(guarded.server.url() + "/"); // no fragment: the first 401 brings one prompt
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(d -> {
                try {
                    d.switchTo().alert().sendKeys(token);
                    d.switchTo().alert().accept();
                    return true;
                } catch (org.openqa.selenium.NoAlertPresentException e) {
                    return false;
                }
            });
            wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 3);
            driver.get("about:blank");
        }
        driver.manage().logs().get(LogType.BROWSER).getAll(); // the 401s before the token: not other tests' errors
    }

    /** Asks the neighbours view for the 2 nearest tokens to {@code query}; their tokens, as listed. */
    private static List<String> twoNeighbours(WebDriverWait wait, String query) {
        WebElement word = driver.findElement(By.id("nb-word"));
        word.clear();
        word.sendKeys(query);
        WebElement k = driver.findElement(By.id("nb-k"));
        k.clear();
        k.sendKeys("2", Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#nb-results li")).size() == 2);
        return driver.findElements(By.cssSelector("#nb-results li")).stream().map(li -> li.getAttribute("data-token"))
                .toList();
    }

    /** No script errors; the only console errors allowed are the API's refusals (400s, shown inline on the page). */
    private static void assertNoScriptErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !(e.getMessage().contains("/api/v1/models/") && e.getMessage().contains("status of 400")))
                .toList();
        assertThat(errors).extracting(LogEntry::getMessage).isEmpty();
    }

    private static String fact(String step, String key) {
        return driver.findElement(By.cssSelector("#tour-" + step + " dd[data-key=" + key + "]")).getText();
    }

    /** The result the API gives for a step of the tour on royals, with the page's default settings. */
    private static JsonNode api(String step) {
        TestServer.Response response = server.get("/api/v1/models/royals/tour?step=" + step
                + "&pairs=man:woman,king:queen,he:she,father:mother,brother:sister,son:daughter,boy:girl"
                + "&text=king%20queen&samples=5000");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("result");
    }

    private static Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    private static String circleX() {
        return driver.findElement(By.cssSelector("#map-svg circle")).getAttribute("cx");
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
