package dev.attached.kind.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class SpikeTest {
    @Test
    void spike() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("id", "cred")
                .overrides(new Properties()).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "Canary-7f3e9b").build();
        proxy.start();
        System.out.println("state " + proxy.getState() + " port " + proxy.getPort());
        for (String secret : new String[]{"Canary-7f3e9b", "wrong"}) {
            try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort())).forcePathStyle(true).requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED).responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", secret)))
                    .httpClientBuilder(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                    .build()) {
                try {
                    s3.createBucket(b -> b.bucket("assets"));
                } catch (Exception e) {
                    System.out.println("create: " + e);
                }
                try {
                    s3.putObject(b -> b.bucket("assets").key("k"), RequestBody.fromString("hello"));
                    System.out.println("get: " + s3.getObjectAsBytes(b -> b.bucket("assets").key("k")).asUtf8String());
                    System.out.println("head: " + s3.headBucket(b -> b.bucket("assets")));
                } catch (Exception e) {
                    System.out.println("put/get: " + e);
                }
                try {
                    s3.headBucket(b -> b.bucket("nope"));
                } catch (Exception e) {
                    System.out.println("head nope: " + e);
                }
            }
        }
        proxy.stop();
    }
}
