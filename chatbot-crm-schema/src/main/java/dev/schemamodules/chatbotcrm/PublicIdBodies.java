package dev.schemamodules.chatbotcrm;

import java.security.SecureRandom;

/**
 * Public-id bodies generated in the task instead of in the database, with exactly the format and distribution of
 * the platform's {@code generate_public_id}: a lower-case letter, then 23 lower-case letters or digits, each
 * uniform, from a CSPRNG with the same rejection sampling (a byte below 234 = 9 x 26 picks the letter, a byte below
 * 252 = 7 x 36 each further symbol; other bytes are dropped), so no modulo bias. Not thread-safe: one per worker.
 */
final class PublicIdBodies {

    static final int BODY_LENGTH = 24;
    private static final char[] SYMBOLS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random;
    private final byte[] pool = new byte[8192];
    private int next = pool.length;

    PublicIdBodies(SecureRandom random) {
        this.random = random;
    }

    PublicIdBodies() {
        this(new SecureRandom());
    }

    /** {@code prefix} (as stored, e.g. {@code pat_}, or empty) followed by a new 24-character body. */
    String next(String prefix) {
        char[] id = new char[prefix.length() + BODY_LENGTH];
        prefix.getChars(0, prefix.length(), id, 0);
        int at = prefix.length();
        int b;
        do {
            b = nextByte();
        } while (b >= 234);
        id[at++] = SYMBOLS[b % 26];
        while (at < id.length) {
            b = nextByte();
            if (b < 252) {
                id[at++] = SYMBOLS[b % 36];
            }
        }
        return new String(id);
    }

    /** {@code n} new ids with the given prefix. */
    String[] next(String prefix, int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = next(prefix);
        }
        return ids;
    }

    private int nextByte() {
        if (next == pool.length) {
            random.nextBytes(pool);
            next = 0;
        }
        return pool[next++] & 0xff;
    }
}
