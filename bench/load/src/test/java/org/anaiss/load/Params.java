package org.anaiss.load;

/**
 * The simulation's parameters: a system property {@code load.<name>} or an environment variable
 * {@code LOAD_<NAME>} (bench/load.sh passes environment variables: the forked Gatling JVM inherits them).
 */
final class Params {

    private Params() {
    }

    static String get(String name, String defaultValue) {
        String v = System.getProperty("load." + name);
        if (v == null || v.isBlank()) {
            v = System.getenv("LOAD_" + name.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    static int integer(String name, int defaultValue) {
        return Integer.parseInt(get(name, String.valueOf(defaultValue)));
    }

    static double decimal(String name, double defaultValue) {
        return Double.parseDouble(get(name, String.valueOf(defaultValue)));
    }

    /** Comma-separated rates, e.g. "10,20,30"; empty when not set. */
    static double[] rates(String name) {
        String v = get(name, "");
        if (v.isEmpty()) {
            return new double[0];
        }
        String[] parts = v.split(",");
        double[] rates = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            rates[i] = Double.parseDouble(parts[i].trim());
        }
        return rates;
    }
}
