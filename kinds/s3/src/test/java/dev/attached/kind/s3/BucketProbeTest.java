package dev.attached.kind.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.attached.kind.testkit.TestHandle;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The reasons of a DOWN probe for answers that S3Proxy does not give (the tests cannot reach AWS): a bucket in
 * another region, and an answer without a known cause. The others are tested against real stores.
 */
class BucketProbeTest {

    private static final S3Settings AWS = settings("s3://assets?region=eu-west-1");

    static S3Settings settings(String url) {
        List<String> problems = new ArrayList<>();
        S3Settings settings = S3Settings.read(TestHandle.of("assets", url), problems);
        assertEquals(List.of(), problems);
        return settings;
    }

    static S3Exception answer(int status, String header, String value, String errorCode) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
        if (header != null) {
            response.putHeader(header, value);
        }
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().sdkHttpResponse(response.build()).errorCode(errorCode)
                        .build())
                .build();
    }

    @Test
    void aBucketInAnotherRegionSaysWhichAndTheKeyToSet() {
        assertEquals("bucket 'assets' is in region eu-central-1, not eu-west-1 (HeadBucket answered 301): set "
                + "attached.assets.region=eu-central-1",
                BucketProbe.reason(AWS, answer(301, "x-amz-bucket-region", "eu-central-1", null),
                        Duration.ofSeconds(2)));
    }

    @Test
    void otherAnswersAreQuoted() {
        assertEquals("HeadBucket of bucket 'assets' in eu-west-1 answered 400 (a wrong region, or a store that needs"
                + " path-style?)", BucketProbe.reason(AWS, answer(400, null, null, null), Duration.ofSeconds(2)));
        assertEquals("HeadBucket of bucket 'assets' at https://minio:9000 answered 503 SlowDown",
                BucketProbe.reason(settings("https://minio:9000/assets"), answer(503, null, null, "SlowDown"),
                        Duration.ofSeconds(2)));
    }
}
