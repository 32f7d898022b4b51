#pragma once
// A local SMTP sink for tests (issue 13 item 3): accepts on 127.0.0.1, speaks enough SMTP for
// app/notify/smtp.cpp (EHLO, MAIL, RCPT, DATA, RSET, QUIT), keeps every message, and decodes
// what a test checks: the RFC 2047 subject and the base64 body. Written on Boost.Asio, blocking,
// one connection at a time on its own thread. `refuse_rcpt`: RCPT TO of this address gets 550.
#include <boost/asio.hpp>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jixu::test {

struct SunkMail {
  std::string from;
  std::vector<std::string> to;
  std::string data;  ///< as received, dot-unstuffed, CRLF line ends

  std::string Header(const std::string& name) const {
    // Unfolds continuation lines.
    const std::string head = data.substr(0, data.find("\r\n\r\n"));
    std::string out;
    bool in = false;
    size_t pos = 0;
    while (pos < head.size()) {
      size_t end = head.find("\r\n", pos);
      if (end == std::string::npos) end = head.size();
      const std::string line = head.substr(pos, end - pos);
      if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
        if (in) out += line;
      } else {
        in = line.size() > name.size() && line.compare(0, name.size(), name) == 0 &&
             line[name.size()] == ':';
        if (in) out = line.substr(name.size() + 2);
      }
      pos = end + 2;
    }
    return out;
  }

  static std::string DecodeBase64(const std::string& in) {
    auto value = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;
    };
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
      const int v = value(c);
      if (v < 0) continue;
      acc = (acc << 6) | static_cast<uint32_t>(v);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((acc >> bits) & 0xff);
      }
    }
    return out;
  }

  /// The Subject: header with every =?UTF-8?B?…?= word decoded (whitespace between words dropped,
  /// RFC 2047 §6.2).
  std::string Subject() const {
    const std::string raw = Header("Subject");
    std::string out;
    size_t pos = 0;
    while (pos < raw.size()) {
      const size_t start = raw.find("=?UTF-8?B?", pos);
      if (start == std::string::npos) {
        out += raw.substr(pos);
        break;
      }
      const std::string between = raw.substr(pos, start - pos);
      if (between.find_first_not_of(" \t") != std::string::npos) out += between;
      const size_t end = raw.find("?=", start + 10);
      out += DecodeBase64(raw.substr(start + 10, end - start - 10));
      pos = end + 2;
    }
    return out;
  }

  /// The body, base64-decoded (the client always sends base64), with LF line ends.
  std::string Body() const {
    std::string text = DecodeBase64(data.substr(data.find("\r\n\r\n") + 4));
    std::string out;
    for (char c : text) {
      if (c != '\r') out += c;
    }
    return out;
  }
};

class SmtpSink {
 public:
  SmtpSink() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Run(); });
  }
  ~SmtpSink() {
    stop_ = true;
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<SunkMail> mails() {
    std::lock_guard lock(mu_);
    return mails_;
  }
  std::string refuse_rcpt;

 private:
  void Run() {
    while (!stop_) {
      boost::asio::ip::tcp::socket s(io_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) break;
      try {
        Session(s);
      } catch (const std::exception&) {
        // A client that hangs up mid-way: next connection.
      }
    }
  }

  void Session(boost::asio::ip::tcp::socket& s) {
    boost::asio::streambuf buf;
    auto say = [&](const std::string& line) { boost::asio::write(s, boost::asio::buffer(line + "\r\n")); };
    auto read_line = [&] {
      boost::asio::read_until(s, buf, "\r\n");
      std::istream in(&buf);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    };
    say("220 sink ESMTP");
    SunkMail m;
    while (true) {
      const std::string line = read_line();
      const std::string verb = line.substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        say("250-sink");
        say("250 8BITMIME");
      } else if (verb == "MAIL") {
        m = SunkMail{};
        m.from = Address(line);
        say("250 ok");
      } else if (verb == "RCPT") {
        const std::string to = Address(line);
        if (!refuse_rcpt.empty() && to == refuse_rcpt) {
          say("550 no such user");
        } else {
          m.to.push_back(to);
          say("250 ok");
        }
      } else if (verb == "DATA") {
        say("354 go ahead");
        while (true) {
          std::string l = read_line();
          if (l == ".") break;
          if (!l.empty() && l[0] == '.') l.erase(0, 1);
          m.data += l + "\r\n";
        }
        {
          std::lock_guard lock(mu_);
          mails_.push_back(m);
        }
        say("250 queued");
      } else if (verb == "RSET") {
        m = SunkMail{};
        say("250 ok");
      } else if (verb == "QUIT") {
        say("221 bye");
        return;
      } else {
        say("502 unknown command");
      }
    }
  }

  static std::string Address(const std::string& line) {
    const size_t a = line.find('<');
    const size_t b = line.find('>', a);
    return a == std::string::npos || b == std::string::npos ? "" : line.substr(a + 1, b - a - 1);
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<SunkMail> mails_;
};

}  // namespace jixu::test
