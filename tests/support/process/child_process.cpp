// A child process that reports on its first stdout line (see child_process.hpp).
#include "process/child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>

namespace okno::testing {
namespace {

// Owns a file descriptor.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }

  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

int free_port() {
  const UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return 0;
  }
  return ntohs(addr.sin_port);
}

std::string ChildProcess::start(std::vector<std::string> args,
                                const std::filesystem::path& log_file) {
  stop();
  if (args.empty()) return {};
  // Close-on-exec, so that no other child inherits the write end: reading the first line and the
  // log drain end when this child exits. dup2 clears the flag on the child's stdout.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return {};
  UniqueFd read_end(fds[0]);
  UniqueFd write_end(fds[1]);
  // Built before fork: the child of a threaded process must not allocate.
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return {};
  if (pid == 0) {
    dup2(write_end.get(), STDOUT_FILENO);
    if (!log_file.empty()) {
      const int err = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
      if (err >= 0) dup2(err, STDERR_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  write_end.reset();
  std::string line;
  char ch = 0;
  while (line.size() < 512 && read(read_end.get(), &ch, 1) == 1 && ch != '\n') line += ch;
  if (!log_file.empty()) {
    log_drain_ = std::thread([in = std::move(read_end), path = log_file] {
      const UniqueFd out(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
      char buf[4096];
      ssize_t n = 0;
      while ((n = read(in.get(), buf, sizeof buf)) > 0) {
        if (out.get() >= 0 && write(out.get(), buf, static_cast<size_t>(n)) != n) break;
      }
    });
  }
  return line;
}

void ChildProcess::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + stop_grace_;
    for (;;) {
      const pid_t done = waitpid(pid_, nullptr, WNOHANG);
      if (done == pid_ || done < 0) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
  }
  join_log_drain();
}

void ChildProcess::kill_hard() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  join_log_drain();
}

// The drain ends at end of file, which comes when the child has exited.
void ChildProcess::join_log_drain() {
  if (log_drain_.joinable()) log_drain_.join();
}

}  // namespace okno::testing
