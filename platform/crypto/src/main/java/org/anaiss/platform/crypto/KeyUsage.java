package org.anaiss.platform.crypto;

import java.util.Map;

/**
 * Which key encrypts how many values, per encrypted column; after a rotation, re-encrypt until only
 * the active key is left, then retire the others.
 */
public record KeyUsage(String activeKey, Map<String, Map<String, Long>> valuesByColumnAndKey, long toReencrypt) {
}
