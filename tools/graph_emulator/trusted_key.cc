#include "tools/graph_emulator/trusted_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"

namespace guestinvitation::emulator {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::shared_ptr<EVP_PKEY> Share(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

BioPtr MemoryBio(absl::string_view pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// Failed parses leave errors on this thread's OpenSSL queue, which would
// confuse the next TLS call on the same server thread.
template <typename T>
T Clean(T result) {
  ERR_clear_error();
  return result;
}

bool IsRsa(const EVP_PKEY* key) {
  return key != nullptr && EVP_PKEY_is_a(key, "RSA") == 1;
}

absl::StatusOr<TrustedKey> FromCertificate(X509* cert) {
  TrustedKey out;
  out.key = Share(X509_get_pubkey(cert));
  if (!IsRsa(out.key.get())) {
    return absl::InvalidArgumentError("the certificate's key is not RSA");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert, EVP_sha1(), digest, &size) != 1) {
    return absl::InternalError("cannot hash the certificate");
  }
  out.sha1_thumbprint.assign(reinterpret_cast<char*>(digest), size);
  if (X509_digest(cert, EVP_sha256(), digest, &size) != 1) {
    return absl::InternalError("cannot hash the certificate");
  }
  out.sha256_thumbprint.assign(reinterpret_cast<char*>(digest), size);
  return out;
}

}  // namespace

absl::StatusOr<TrustedKey> LoadCertificate(absl::string_view pem) {
  if (pem.empty() || pem.size() > kMaxPemSize) {
    return absl::InvalidArgumentError("PEM text is empty or too large");
  }
  BioPtr bio = MemoryBio(pem);
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)
                   : nullptr);
  if (!cert) {
    return Clean(absl::InvalidArgumentError("no PEM certificate found"));
  }
  return Clean(FromCertificate(cert.get()));
}

absl::StatusOr<TrustedKey> LoadPublicKey(absl::string_view pem) {
  if (pem.empty() || pem.size() > kMaxPemSize) {
    return absl::InvalidArgumentError("PEM text is empty or too large");
  }
  BioPtr bio = MemoryBio(pem);
  EVP_PKEY* key =
      bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (key == nullptr) {
    ERR_clear_error();
    absl::StatusOr<TrustedKey> cert = LoadCertificate(pem);
    if (!cert.ok()) {
      return absl::InvalidArgumentError(
          "no PEM public key or certificate found");
    }
    return cert;
  }
  TrustedKey out;
  out.key = Share(key);
  if (!IsRsa(key)) {
    return Clean(absl::InvalidArgumentError("the public key is not RSA"));
  }
  return Clean(std::move(out));
}

bool VerifySignature(const TrustedKey& key, JwsAlgorithm alg,
                     absl::string_view signing_input,
                     absl::string_view signature) {
  if (!IsRsa(key.key.get())) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr,
                                   key.key.get()) != 1) {
    return Clean(false);
  }
  bool configured = false;
  if (alg == JwsAlgorithm::kPs256) {
    configured =
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1 &&
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
  } else {
    configured = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
  }
  if (!configured) return Clean(false);
  const bool ok =
      EVP_DigestVerify(
          ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
          signature.size(),
          reinterpret_cast<const unsigned char*>(signing_input.data()),
          signing_input.size()) == 1;
  return Clean(ok);
}

std::string UpperHex(absl::string_view bytes) {
  return absl::AsciiStrToUpper(absl::BytesToHexString(bytes));
}

}  // namespace guestinvitation::emulator
