import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Writes the Java trust store of the base image (PKCS12, password "changeit", as Debian's
 * ca-certificates-java does) from the PEM certificates of Debian's ca-certificates package, so that
 * the image trusts the same authorities without running the package's maintainer scripts.
 * Usage: java CaCerts.java <directory of .crt files> <output keystore>
 */
public class CaCerts {
    public static void main(String[] args) throws Exception {
        // certificates neither encrypted nor MAC-protected, as in the JDK's own cacerts: readable without a password
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<Path> files;
        try (var list = Files.list(Path.of(args[0]))) {
            files = list.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
        }
        for (Path file : files) {
            try (var in = new FileInputStream(file.toFile())) {
                X509Certificate cert = (X509Certificate) x509.generateCertificate(in);
                String alias = file.getFileName().toString().replaceAll("\\.crt$", "").toLowerCase();
                store.setCertificateEntry(alias, cert);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no certificate in " + args[0]);
        }
        try (var out = new FileOutputStream(args[1])) {
            store.store(out, "changeit".toCharArray());
        }
        System.out.println(files.size() + " certificates in " + args[1]);
    }
}
