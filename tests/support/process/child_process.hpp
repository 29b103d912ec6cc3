// Test and benchmark support: a helper program run as a child process (fork + execv) that says it
// is ready on the first line of its stdout (okno-server prints its address there, the SMTP sink
// "ready <port>"), stopped with SIGTERM and then SIGKILL; and a free loopback port.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace okno::testing {

// A free TCP port on 127.0.0.1 (bound and released; good enough on a test machine).
int free_port();

// One child at a time; stopped when destroyed. Not thread-safe.
class ChildProcess {
 public:
  // `stop_grace`: how long stop() waits after SIGTERM before it sends SIGKILL.
  explicit ChildProcess(std::chrono::milliseconds stop_grace = std::chrono::seconds(1))
      : stop_grace_(stop_grace) {}
  ~ChildProcess() { stop(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Stops the child still running, if any, and runs `argv` (argv[0]: the program's path).
  // Returns the first line the new child writes to stdout, without the newline; empty when it
  // exited (or could not be started) before writing one. `log_file` empty: the child keeps this
  // process's stderr and its stdout is closed after that line. Set: the child's stderr and the
  // rest of its stdout are appended to that file, complete once the child has exited.
  std::string start(std::vector<std::string> argv, const std::filesystem::path& log_file = {});
  // SIGTERM, then SIGKILL after the grace; returns once the child is gone. No child: nothing.
  void stop();
  // SIGKILL at once, as a crash would.
  void kill_hard();

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

 private:
  void join_log_drain();

  std::chrono::milliseconds stop_grace_;
  pid_t pid_ = -1;
  std::thread log_drain_;  // copies the child's stdout into the log file
};

}  // namespace okno::testing
