package dev.attached.kind.s3;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.attached.spi.SettingValues;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The readiness probe: {@code HeadBucket} of the attached bucket within the probe's timeout. It needs the bucket to
 * exist and the credentials to be let in, so "DOWN" says which of the usual causes it is: the store cannot be reached,
 * does not answer in time, refuses the credentials, or has no such bucket.
 */
final class BucketProbe {

    private BucketProbe() {
    }

    /** UP data: bucket, region and the round trip; throws {@link SdkClientException} saying why it is DOWN. */
    static Map<String, Object> probe(BucketClient generation, Duration timeout) {
        S3Settings settings = generation.settings();
        long start = System.nanoTime();
        try {
            generation.client().headBucket(HeadBucketRequest.builder()
                    .bucket(settings.bucket())
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                    .build());
        } catch (SdkException e) {
            throw SdkClientException.create(reason(settings, e, timeout), e instanceof S3Exception ? null : e);
        }
        return Map.of("bucket", settings.bucket(), "region", settings.region(), "head-bucket-millis",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Why {@code HeadBucket} failed, in the words an operator acts on; never a credential. */
    static String reason(S3Settings settings, SdkException failure, Duration timeout) {
        String bucket = "bucket '" + settings.bucket() + "'";
        String where = settings.endpoint().map(e -> " at " + e).orElse(" in " + settings.region());
        if (failure instanceof S3Exception answer) {
            int status = answer.statusCode();
            Optional<String> actualRegion = answer.awsErrorDetails() == null
                    || answer.awsErrorDetails().sdkHttpResponse() == null
                            ? Optional.empty()
                            : answer.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
            return switch (status) {
                case 404 -> bucket + " does not exist" + where + " (HeadBucket answered 404)";
                case 403 -> "access to " + bucket + where + " is denied (HeadBucket answered 403): the access key or"
                        + " secret key is wrong, or the key may not read this bucket";
                case 301, 400 -> actualRegion.filter(r -> !r.equals(settings.region()))
                        .map(r -> bucket + " is in region " + r + ", not " + settings.region() + " (HeadBucket"
                                + " answered " + status + "): set attached." + settings.resource() + ".region=" + r)
                        .orElse("HeadBucket of " + bucket + where + " answered " + status
                                + (status == 400 ? " (a wrong region, or a store that needs path-style?)" : ""));
                default -> "HeadBucket of " + bucket + where + " answered " + status
                        + Optional.ofNullable(answer.awsErrorDetails()).map(d -> d.errorCode())
                                .map(c -> " " + c).orElse("");
            };
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return "S3" + where + " did not answer HeadBucket of " + bucket + " within "
                    + SettingValues.format(timeout);
        }
        return "S3" + where + " cannot be reached: " + rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
