package dev.attached.kind.s3;

import java.lang.reflect.Proxy;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/** What calls reach while an S3 resource is detached: every operation fails at once, without the network. */
final class DetachedS3Client {

    private DetachedS3Client() {
    }

    /** An {@link S3Client} whose every operation throws {@link SdkClientException} with {@code message}. */
    static S3Client create(String message) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[]{S3Client.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "detached S3Client";
                        };
                    }
                    return switch (method.getName()) {
                        case "close" -> null;
                        case "serviceName" -> S3Client.SERVICE_NAME;
                        default -> throw SdkClientException.create(message);
                    };
                });
    }
}
