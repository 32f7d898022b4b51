// SMTP client (smtp.hpp). Synchronous in effect: every exchange is an asynchronous operation on
// a private io_context run until it completes or its deadline passes (then the socket closes).
#include "app/notify/smtp.hpp"

#include <boost/asio.hpp>
#include <ctime>
#include <optional>
#include <stdexcept>

namespace jixu::app::notify {

namespace asio = boost::asio;
using asio::ip::tcp;

std::string Base64(const std::string& bytes, bool wrap) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(bytes.size() * 4 / 3 + bytes.size() / 57 * 2 + 4);
  size_t line = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t b0 = static_cast<unsigned char>(bytes[i]);
    const uint32_t b1 = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0;
    const uint32_t b2 = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0;
    const uint32_t v = (b0 << 16) | (b1 << 8) | b2;
    if (wrap && line == 76) {
      out += "\r\n";
      line = 0;
    }
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
    line += 4;
  }
  return out;
}

std::string EncodeHeaderWord(const std::string& utf8) {
  bool ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\r' || c == '\n') ascii = false;
  }
  if (ascii && utf8.size() <= 60) return utf8;
  // "=?UTF-8?B?" + base64 + "?=" ≤ 75: at most 45 bytes (60 base64 characters) per word.
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t end = std::min(utf8.size(), i + 45);
    // Back off to a character boundary (never end before a continuation byte).
    while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, end - i), false) + "?=";
    i = end;
  }
  return out;
}

namespace {

std::string RfcDate(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

/// Header values come from the configuration and stored addresses: no line breaks in them.
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

class Session {
 public:
  explicit Session(const SmtpConfig& config) : config_(config), socket_(io_) {}

  void Connect() {
    tcp::resolver resolver(io_);
    std::optional<boost::system::error_code> result;
    resolver.async_resolve(config_.host, std::to_string(config_.port),
                           [&](const boost::system::error_code& ec, tcp::resolver::results_type r) {
                             if (ec) {
                               result = ec;
                               return;
                             }
                             asio::async_connect(socket_, r,
                                                 [&](const boost::system::error_code& ec2, const tcp::endpoint&) {
                                                   result = ec2;
                                                 });
                           });
    Wait(result, "connect");
  }

  /// Reads one reply (every line of a multi-line one); returns its code and text.
  std::pair<int, std::string> Reply() {
    std::string text;
    while (true) {
      std::optional<boost::system::error_code> result;
      asio::async_read_until(socket_, buffer_, "\r\n",
                             [&](const boost::system::error_code& ec, size_t) { result = ec; });
      Wait(result, "reply");
      std::istream in(&buffer_);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() < 3) throw std::runtime_error("malformed SMTP reply: " + line);
      text += (text.empty() ? "" : "\n") + line;
      if (line.size() == 3 || line[3] != '-') return {std::atoi(line.substr(0, 3).c_str()), text};
    }
  }

  void Send(const std::string& data) {
    std::optional<boost::system::error_code> result;
    asio::async_write(socket_, asio::buffer(data),
                      [&](const boost::system::error_code& ec, size_t) { result = ec; });
    Wait(result, "send");
  }

  /// Sends a command and expects a reply of class `expect` (2 or 3); throws the reply otherwise.
  std::string Command(const std::string& line, int expect) {
    Send(line + "\r\n");
    auto [code, text] = Reply();
    if (code / 100 != expect) throw Refused(text);
    return text;
  }

  struct Refused : std::runtime_error {
    using std::runtime_error::runtime_error;
  };

 private:
  void Wait(std::optional<boost::system::error_code>& result, const char* what) {
    io_.restart();
    io_.run_for(config_.timeout);
    if (!result) {
      boost::system::error_code ignored;
      socket_.close(ignored);
      io_.restart();
      io_.run();  // lets the cancelled operation finish before `result` goes out of scope
      throw std::runtime_error(std::string("SMTP ") + what + " timed out");
    }
    if (*result) throw std::runtime_error(std::string("SMTP ") + what + ": " + result->message());
  }

  const SmtpConfig& config_;
  asio::io_context io_;
  tcp::socket socket_;
  asio::streambuf buffer_;
};

}  // namespace

std::string FormatMessage(const SmtpConfig& config, const MailMessage& m, int64_t unix_seconds) {
  std::string to;
  for (const auto& a : m.to) to += (to.empty() ? "" : ", ") + OneLine(a);
  std::string body;
  for (char c : m.body) {
    if (c == '\n') body += "\r\n";
    else if (c != '\r') body += c;
  }
  std::string out = "From: " + OneLine(config.from) + "\r\nTo: " + to + "\r\nSubject: " +
                    EncodeHeaderWord(m.subject) + "\r\nDate: " + RfcDate(unix_seconds) + "\r\n";
  if (!m.message_id.empty()) out += "Message-ID: <" + OneLine(m.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         Base64(body, true) + "\r\n";
  return out;
}

std::vector<SendResult> SendMail(const SmtpConfig& config, const std::vector<MailMessage>& messages,
                                 int64_t unix_seconds) {
  std::vector<SendResult> results(messages.size());
  if (messages.empty()) return results;
  size_t next = 0;
  try {
    Session s(config);
    s.Connect();
    auto [code, text] = s.Reply();
    if (code != 220) throw std::runtime_error("SMTP greeting: " + text);
    s.Command("EHLO " + OneLine(config.helo), 2);
    for (; next < messages.size(); ++next) {
      const MailMessage& m = messages[next];
      try {
        s.Command("MAIL FROM:<" + OneLine(config.from) + ">", 2);
        size_t accepted = 0;
        std::string refused;
        for (const auto& rcpt : m.to) {
          try {
            s.Command("RCPT TO:<" + OneLine(rcpt) + ">", 2);
            ++accepted;
          } catch (const Session::Refused& e) {
            refused = e.what();
          }
        }
        if (accepted == 0) throw Session::Refused(refused.empty() ? "no recipients" : refused);
        s.Command("DATA", 3);
        s.Send(FormatMessage(config, m, unix_seconds) + ".\r\n");
        auto [dcode, dtext] = s.Reply();
        if (dcode / 100 != 2) throw Session::Refused(dtext);
        results[next].ok = true;
      } catch (const Session::Refused& e) {
        results[next].error = e.what();
        s.Command("RSET", 2);
      }
    }
    try {
      s.Command("QUIT", 2);
    } catch (const std::exception&) {
      // The messages are delivered; a server hanging up early changes nothing.
    }
  } catch (const std::exception& e) {
    for (; next < messages.size(); ++next) results[next].error = e.what();
  }
  return results;
}

}  // namespace jixu::app::notify
