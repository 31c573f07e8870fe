package com.cloudalbum.thumbnail;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.common.test.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "album.thumbnail.listen=false")
@AutoConfigureWebTestClient
class ThumbnailServiceApplicationIntegrationTest extends ServiceConventionsContract {

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }
}
