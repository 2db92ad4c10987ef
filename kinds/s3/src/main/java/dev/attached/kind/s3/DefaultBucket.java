package dev.attached.kind.s3;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * Puts the attached bucket into a request that names none: {@code bucket}, and for copies {@code sourceBucket} and
 * {@code destinationBucket}. A request that names a bucket is sent as it is. Which of a request class's fields are
 * bucket fields is looked up once per class.
 */
final class DefaultBucket {

    private static final List<String> FIELDS = List.of("bucket", "sourceBucket", "destinationBucket");

    /** A request class's bucket fields: how to read each, and how to set it on the class's builder. */
    private record Field(Method getter, Method setter) {
    }

    private static final ClassValue<List<Field>> FIELDS_OF = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            try {
                Class<?> builder = type.getMethod("toBuilder").getReturnType();
                for (String name : FIELDS) {
                    try {
                        Method getter = type.getMethod(name);
                        if (getter.getReturnType() == String.class) {
                            fields.add(new Field(getter, builder.getMethod(name, String.class)));
                        }
                    } catch (NoSuchMethodException e) {
                        // this request has no such field
                    }
                }
            } catch (NoSuchMethodException e) {
                // no builder: nothing to fill
            }
            return List.copyOf(fields);
        }
    };

    private DefaultBucket() {
    }

    /**
     * The arguments of an S3 operation with the bucket filled in where the request has none; the same array if
     * there is nothing to fill, or no bucket to fill in.
     */
    static Object[] fill(Object[] args, String bucket) {
        if (bucket == null || args == null || args.length == 0 || !(args[0] instanceof S3Request request)) {
            return args;
        }
        S3Request filled = fill(request, bucket);
        if (filled == request) {
            return args;
        }
        Object[] copy = args.clone();
        copy[0] = filled;
        return copy;
    }

    /** The request with the bucket filled in where it has none; the same request if there is nothing to fill. */
    static S3Request fill(S3Request request, String bucket) {
        try {
            S3Request.Builder builder = null;
            for (Field field : FIELDS_OF.get(request.getClass())) {
                if (field.getter().invoke(request) == null) {
                    builder = builder == null ? request.toBuilder() : builder;
                    field.setter().invoke(builder, bucket);
                }
            }
            return builder == null ? request : builder.build();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot set the bucket of a " + request.getClass().getSimpleName(), e);
        }
    }
}
