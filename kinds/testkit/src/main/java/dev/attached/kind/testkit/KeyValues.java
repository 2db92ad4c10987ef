package dev.attached.kind.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration written inline, as key, value, key, value... */
final class KeyValues {

    private KeyValues() {
    }

    static Map<String, String> toMap(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs, but there are " + keyValues.length);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
