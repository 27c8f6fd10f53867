#include "tools/graph_emulator/net/cert_gen.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"

namespace guestinvitation::emulator {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using NamesPtr =
    std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

absl::Status OpenSslError(absl::string_view what) {
  return absl::InternalError(absl::StrCat("cert_gen: ", what, " failed"));
}

// 159 random bits: positive, unique in practice, and within RFC 5280's
// 20-octet limit.
bool SetRandomSerial(X509* cert) {
  BnPtr bn(BN_new());
  if (!bn || BN_rand(bn.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
    return false;
  }
  return BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr;
}

bool SetValidity(X509* cert, absl::Duration validity, bool expired) {
  // Expired: valid from two days ago until an hour ago. Otherwise a minute
  // of backdating absorbs clock skew between test processes.
  const long not_before = expired ? -2 * 24 * 3600 : -60;
  const long not_after =
      expired ? -3600 : static_cast<long>(absl::ToInt64Seconds(validity));
  return X509_gmtime_adj(X509_getm_notBefore(cert), not_before) != nullptr &&
         X509_gmtime_adj(X509_getm_notAfter(cert), not_after) != nullptr;
}

bool SetCommonName(X509* cert, const std::string& cn) {
  X509_NAME* name = X509_get_subject_name(cert);
  return X509_NAME_add_entry_by_txt(
             name, "CN", MBSTRING_UTF8,
             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1,
             0) == 1;
}

// Adds one extension in OpenSSL's config syntax (fixed strings only: no
// caller text goes through this parser).
bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

GENERAL_NAME* MakeAltName(const std::string& host) {
  GENERAL_NAME* name = GENERAL_NAME_new();
  if (name == nullptr) return nullptr;
  if (ASN1_OCTET_STRING* ip = a2i_IPADDRESS(host.c_str())) {
    GENERAL_NAME_set0_value(name, GEN_IPADD, ip);
    return name;
  }
  ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
  if (dns == nullptr ||
      ASN1_STRING_set(dns, host.data(), static_cast<int>(host.size())) != 1) {
    ASN1_IA5STRING_free(dns);
    GENERAL_NAME_free(name);
    return nullptr;
  }
  GENERAL_NAME_set0_value(name, GEN_DNS, dns);
  return name;
}

// Built structurally (not via the config parser) so a host string cannot
// inject other SAN entries.
bool AddSubjectAltNames(X509* cert, const std::vector<std::string>& hosts) {
  NamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return false;
  for (const std::string& host : hosts) {
    GENERAL_NAME* name = MakeAltName(host);
    if (name == nullptr || sk_GENERAL_NAME_push(names.get(), name) == 0) {
      GENERAL_NAME_free(name);
      return false;
    }
  }
  return X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0,
                           X509V3_ADD_DEFAULT) == 1;
}

X509Ptr NewCert(EVP_PKEY* key, absl::Duration validity, bool expired) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      !SetRandomSerial(cert.get()) ||
      !SetValidity(cert.get(), validity, expired) ||
      X509_set_pubkey(cert.get(), key) != 1) {
    return nullptr;
  }
  return cert;
}

absl::StatusOr<X509Ptr> MakeCa(EVP_PKEY* key, absl::Duration validity) {
  X509Ptr cert = NewCert(key, validity, /*expired=*/false);
  if (!cert || !SetCommonName(cert.get(), "guestinvitation test CA") ||
      X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) !=
          1) {
    return OpenSslError("CA certificate");
  }
  X509* c = cert.get();
  if (!AddExtension(c, c, NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(c, c, NID_key_usage, "critical,keyCertSign,cRLSign") ||
      !AddExtension(c, c, NID_subject_key_identifier, "hash") ||
      X509_sign(c, key, EVP_sha256()) == 0) {
    return OpenSslError("CA extensions or signature");
  }
  return cert;
}

absl::StatusOr<X509Ptr> MakeLeaf(EVP_PKEY* key, X509* ca, EVP_PKEY* ca_key,
                                 const CertOptions& options) {
  X509Ptr cert = NewCert(key, options.validity, options.expired);
  const std::string cn = options.hosts.empty() ? "localhost" : options.hosts[0];
  if (!cert || !SetCommonName(cert.get(), cn) ||
      X509_set_issuer_name(cert.get(), X509_get_subject_name(ca)) != 1) {
    return OpenSslError("leaf certificate");
  }
  X509* c = cert.get();
  if (!AddExtension(c, ca, NID_basic_constraints, "critical,CA:FALSE") ||
      !AddExtension(c, ca, NID_key_usage, "critical,digitalSignature") ||
      !AddExtension(c, ca, NID_ext_key_usage, "serverAuth") ||
      !AddExtension(c, ca, NID_subject_key_identifier, "hash") ||
      !AddExtension(c, ca, NID_authority_key_identifier, "keyid:always") ||
      !AddSubjectAltNames(c, options.hosts) ||
      X509_sign(c, ca_key, EVP_sha256()) == 0) {
    return OpenSslError("leaf extensions or signature");
  }
  return cert;
}

template <typename WriteFn>
absl::StatusOr<std::string> ToPem(WriteFn write) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || !write(bio.get())) return OpenSslError("PEM encoding");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

absl::StatusOr<GeneratedCerts> GenerateCerts(const CertOptions& options) {
  if (options.hosts.empty()) {
    return absl::InvalidArgumentError("cert_gen: at least one host is needed");
  }
  PKeyPtr ca_key(EVP_EC_gen("P-256"));
  PKeyPtr leaf_key(EVP_EC_gen("P-256"));
  if (!ca_key || !leaf_key) return OpenSslError("P-256 key generation");
  absl::StatusOr<X509Ptr> ca = MakeCa(ca_key.get(), options.validity);
  if (!ca.ok()) return ca.status();
  // The CA that signs the leaf: the returned one, or for
  // untrusted_issuer a second one that is thrown away.
  PKeyPtr other_key;
  absl::StatusOr<X509Ptr> other_ca = X509Ptr();
  if (options.untrusted_issuer) {
    other_key.reset(EVP_EC_gen("P-256"));
    if (!other_key) return OpenSslError("P-256 key generation");
    other_ca = MakeCa(other_key.get(), options.validity);
    if (!other_ca.ok()) return other_ca.status();
  }
  X509* issuer = options.untrusted_issuer ? other_ca->get() : ca->get();
  EVP_PKEY* issuer_key =
      options.untrusted_issuer ? other_key.get() : ca_key.get();
  absl::StatusOr<X509Ptr> leaf =
      MakeLeaf(leaf_key.get(), issuer, issuer_key, options);
  if (!leaf.ok()) return leaf.status();

  auto ca_pem =
      ToPem([&](BIO* b) { return PEM_write_bio_X509(b, ca->get()) == 1; });
  auto leaf_pem =
      ToPem([&](BIO* b) { return PEM_write_bio_X509(b, leaf->get()) == 1; });
  // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY").
  auto key_pem = ToPem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, leaf_key.get(), nullptr, nullptr, 0,
                                    nullptr, nullptr) == 1;
  });
  if (!ca_pem.ok()) return ca_pem.status();
  if (!leaf_pem.ok()) return leaf_pem.status();
  if (!key_pem.ok()) return key_pem.status();
  return GeneratedCerts{*std::move(ca_pem), *std::move(leaf_pem),
                        *std::move(key_pem)};
}

absl::StatusOr<ClientCertificate> GenerateClientCertificate(
    const std::string& common_name, absl::Duration validity) {
  PKeyPtr key(EVP_RSA_gen(2048));
  if (!key) return OpenSslError("RSA-2048 key generation");
  X509Ptr cert = NewCert(key.get(), validity, /*expired=*/false);
  if (!cert || !SetCommonName(cert.get(), common_name) ||
      X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) !=
          1) {
    return OpenSslError("client certificate");
  }
  X509* c = cert.get();
  if (!AddExtension(c, c, NID_basic_constraints, "critical,CA:FALSE") ||
      !AddExtension(c, c, NID_key_usage, "critical,digitalSignature") ||
      !AddExtension(c, c, NID_ext_key_usage, "clientAuth") ||
      !AddExtension(c, c, NID_subject_key_identifier, "hash") ||
      X509_sign(c, key.get(), EVP_sha256()) == 0) {
    return OpenSslError("client certificate extensions or signature");
  }
  auto cert_pem = ToPem([&](BIO* b) { return PEM_write_bio_X509(b, c) == 1; });
  auto key_pem = ToPem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr,
                                    nullptr) == 1;
  });
  if (!cert_pem.ok()) return cert_pem.status();
  if (!key_pem.ok()) return key_pem.status();
  return ClientCertificate{*std::move(cert_pem), *std::move(key_pem)};
}

}  // namespace guestinvitation::emulator
