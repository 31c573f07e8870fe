package com.cloudalbum.load;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Uploads of camera-sized JPEGs (generated at start, 3–5 MB, EXIF + GPS) by N signed-in users, with album listing
 * and search running beside them. Open model ({@code -Drate} uploads/s) by default, closed model with
 * {@code -Dconcurrency}. Fails the build when the error rate or the percentiles go over their limits.
 *
 * <pre>./mvnw -pl load-test gatling:test -Dusers=5 -Drate=2 -Dduration=30 [-DbaseUrl=http://localhost:8080]</pre>
 */
public class AlbumSimulation extends Simulation {

    private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
    private final int users = Integer.getInteger("users", 5);
    private final double rate = Double.parseDouble(System.getProperty("rate", "2"));
    private final int concurrency = Integer.getInteger("concurrency", 0);
    private final Duration duration = Duration.ofSeconds(Long.getLong("duration", 30));
    private final double browseRate = Double.parseDouble(System.getProperty("browseRate", "10"));
    private final int files = Integer.getInteger("files", 6);
    private final int uploadP95Ms = Integer.getInteger("uploadP95Ms", 5000);
    private final int browseP99Ms = Integer.getInteger("browseP99Ms", 2000);
    private final double maxErrorPercent = Double.parseDouble(System.getProperty("maxErrorPercent", "1"));

    private final List<String> tokens = Accounts.signUpAndIn(baseUrl, users);
    private final List<byte[]> photos = Photos.generate(files, 4000, 3000);
    private final AtomicLong next = new AtomicLong();

    /** Round robin over users and photos; each upload gets its own tag so search finds something. */
    private final Iterator<Map<String, Object>> feeder = Stream.generate(() -> {
        long n = next.getAndIncrement();
        return Map.<String, Object>of(
                "token", tokens.get((int) (n % tokens.size())),
                "photo", (int) (n % photos.size()),
                "name", "load-" + n + ".jpg");
    }).iterator();

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json")
            .shareConnections();

    private final ChainBuilder uploadOne = feed(feeder)
            .exec(http("upload").post("/api/photos")
                    .header("Authorization", "Bearer #{token}")
                    .bodyPart(ByteArrayBodyPart("file", session -> photos.get(session.getInt("photo")))
                            .fileName("#{name}").contentType("image/jpeg"))
                    .bodyPart(StringBodyPart("tags", "load,test"))
                    .bodyPart(StringBodyPart("description", "uploaded by AlbumSimulation"))
                    .asMultipartForm()
                    .check(status().is(201), jsonPath("$.id").exists()));

    private final ScenarioBuilder browse = scenario("browse")
            .feed(feeder)
            .exec(http("album").get("/api/photos?limit=24")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)))
            .exec(http("search").get("/api/photos/search?q=load&limit=24")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    {
        PopulationBuilder uploads = concurrency > 0
                ? scenario("upload").forever().on(uploadOne)
                        .injectClosed(constantConcurrentUsers(concurrency).during(duration))
                : scenario("upload").exec(uploadOne).injectOpen(constantUsersPerSec(rate).during(duration));
        OpenInjectionStep browsing = constantUsersPerSec(browseRate).during(duration);
        setUp(uploads, browse.injectOpen(browsing))
                .protocols(protocol)
                .maxDuration(duration.plusSeconds(60))
                .assertions(
                        global().failedRequests().percent().lte(maxErrorPercent),
                        details("upload").responseTime().percentile(95.0).lt(uploadP95Ms),
                        details("album").responseTime().percentile(99.0).lt(browseP99Ms),
                        details("search").responseTime().percentile(99.0).lt(browseP99Ms));
    }
}
