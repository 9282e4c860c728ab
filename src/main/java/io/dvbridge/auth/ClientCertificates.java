package io.dvbridge.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCertificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Loads a certificate credential for msal4j from PKCS#12 or PEM. Errors name the file and what is
 * wrong with it, never the password.
 */
final class ClientCertificates {

    private ClientCertificates() {
    }

    /** @throws IllegalArgumentException naming the file when it cannot be used */
    static IClientCertificate load(Credential.CertificateFile credential) {
        Path file = credential.file();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("Certificate file " + file + " does not exist or cannot be read");
        }
        try {
            KeyAndChain loaded = isPem(file) ? fromPem(credential) : fromPkcs12(file, credential.password());
            checkKeyMatchesCertificate(loaded, file);
            return ClientCredentialFactory.createFromCertificateChain(loaded.key(), loaded.chain());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read certificate file " + file + ": " + e.getMessage(), e);
        }
    }

    private record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
    }

    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            return new String(head, StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN");
        }
    }

    private static KeyAndChain fromPkcs12(Path file, Optional<String> password) throws IOException {
        char[] pass = password.map(String::toCharArray).orElse(new char[0]);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, pass);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, pass);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new KeyAndChain(key, chain);
                }
            }
            throw new IllegalArgumentException("PKCS#12 file " + file + " holds no private key");
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || e.getMessage() != null
                    && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("password")) {
                throw new IllegalArgumentException("Cannot open PKCS#12 file " + file + ": the certificate password is wrong "
                        + "or missing", e);
            }
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot open PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyAndChain fromPem(Credential.CertificateFile credential) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        readPem(credential.file(), credential.password(), chain, keys);
        if (credential.privateKeyFile().isPresent()) {
            readPem(credential.privateKeyFile().get(), credential.password(), new ArrayList<>(), keys);
        }
        String where = credential.file() + credential.privateKeyFile().map(k -> " and " + k).orElse("");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("PEM file " + credential.file() + " holds no CERTIFICATE block");
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException(where + " must hold exactly one private key, found " + keys.size());
        }
        return new KeyAndChain(keys.get(0), chain);
    }

    private static void readPem(Path file, Optional<String> password, List<X509Certificate> chain, List<PrivateKey> keys)
            throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } else if (item instanceof PrivateKeyInfo info) {
                    keys.add(converter.getPrivateKey(info));
                } else if (item instanceof PEMKeyPair pair) {
                    keys.add(converter.getKeyPair(pair).getPrivate());
                } else if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    keys.add(converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().build(requirePassword(password, file)))));
                } else if (item instanceof PEMEncryptedKeyPair encrypted) {
                    keys.add(converter.getKeyPair(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().build(requirePassword(password, file)))).getPrivate());
                }
            }
        } catch (CertificateException | OperatorCreationException e) {
            throw new IllegalArgumentException("PEM file " + file + " is not usable: " + e.getMessage(), e);
        } catch (PKCSException | PEMException e) {
            throw new IllegalArgumentException("Cannot decrypt the private key in " + file + ": the certificate password is "
                    + "wrong, or the key is malformed", e);
        }
    }

    private static char[] requirePassword(Optional<String> password, Path file) {
        return password.map(String::toCharArray).orElseThrow(() -> new IllegalArgumentException(
                "The private key in " + file + " is encrypted and no certificate password is configured"));
    }

    private static void checkKeyMatchesCertificate(KeyAndChain loaded, Path file) {
        if (loaded.key() instanceof RSAPrivateCrtKey key && loaded.chain().get(0).getPublicKey() instanceof RSAPublicKey cert
                && !key.getModulus().equals(cert.getModulus())) {
            throw new IllegalArgumentException("The private key in " + file + " does not belong to its first certificate ("
                    + loaded.chain().get(0).getSubjectX500Principal() + ")");
        }
    }
}
