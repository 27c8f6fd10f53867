// Test-side signing for the emulator's client-assertion tests: an RSA key
// with a self-signed certificate, made with OpenSSL in the test process,
// and compact JWS built from JSON header and claims.
#ifndef GUESTINVITATION_TESTS_UNIT_EMULATOR_JWT_TEST_SUPPORT_H_
#define GUESTINVITATION_TESTS_UNIT_EMULATOR_JWT_TEST_SUPPORT_H_

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace guestinvitation::emulator::testing {

inline std::string B64Url(const std::string& bytes) {
  return absl::WebSafeBase64Escape(bytes);
}

class TestRsaKey {
 public:
  TestRsaKey() : key_(EVP_RSA_gen(2048), EVP_PKEY_free) {
    std::unique_ptr<X509, void (*)(X509*)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial_);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600L * 24 * 365);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char*>("emulator test app"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key_.get());
    X509_sign(cert.get(), key_.get(), EVP_sha256());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    X509_digest(cert.get(), EVP_sha1(), digest, &size);
    sha1_.assign(reinterpret_cast<char*>(digest), size);
    X509_digest(cert.get(), EVP_sha256(), digest, &size);
    sha256_.assign(reinterpret_cast<char*>(digest), size);
    cert_pem_ = Pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
    public_key_pem_ =
        Pem([&](BIO* b) { return PEM_write_bio_PUBKEY(b, key_.get()); });
  }

  const std::string& cert_pem() const { return cert_pem_; }
  const std::string& public_key_pem() const { return public_key_pem_; }
  std::string x5t() const { return B64Url(sha1_); }
  std::string x5t_s256() const { return B64Url(sha256_); }

  // RS256 (PKCS#1 v1.5) or PS256 (PSS, MGF1 SHA-256, salt = 32).
  std::string Sign(const std::string& input, bool pss) const {
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(),
                                                           EVP_MD_CTX_free);
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key_.get());
    if (pss) {
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
      EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256());
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    size_t size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    EVP_DigestSign(ctx.get(), nullptr, &size, data, input.size());
    std::string sig(size, '\0');
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()),
                   &size, data, input.size());
    sig.resize(size);
    return sig;
  }

  // header.claims.signature; alg PS256 signs with PSS, anything else with
  // PKCS#1 v1.5.
  std::string Jwt(const boost::json::object& header,
                  const boost::json::object& claims) const {
    std::string input =
        absl::StrCat(B64Url(boost::json::serialize(header)), ".",
                     B64Url(boost::json::serialize(claims)));
    const boost::json::value* alg = header.if_contains("alg");
    bool pss =
        alg != nullptr && alg->is_string() && alg->get_string() == "PS256";
    return absl::StrCat(input, ".", B64Url(Sign(input, pss)));
  }

 private:
  template <typename Write>
  static std::string Pem(Write write) {
    std::unique_ptr<BIO, int (*)(BIO*)> bio(BIO_new(BIO_s_mem()), BIO_free);
    write(bio.get());
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(size));
  }

  static inline long serial_ = 0;
  std::shared_ptr<EVP_PKEY> key_;
  std::string sha1_;
  std::string sha256_;
  std::string cert_pem_;
  std::string public_key_pem_;
};

}  // namespace guestinvitation::emulator::testing

#endif  // GUESTINVITATION_TESTS_UNIT_EMULATOR_JWT_TEST_SUPPORT_H_
