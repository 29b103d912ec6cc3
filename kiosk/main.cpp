// okno-kiosk: the touchscreen kiosk (SDL2 + OpenGL 3 + Dear ImGui 1.86). Modes: the kiosk itself
// (fullscreen), --board (the waiting-room board, docs/board.md), --screenshot (one screen to PNG,
// hidden window), --bench (startup, frame cost, idle CPU, memory), --input-script (synthetic
// touches and keys in the real window, for tests).
// Idle means idle: the loop sleeps in SDL_WaitEventTimeout until input, a finished request or a
// timer needs a redraw. The flags are read in src/options.cpp (CLI11; --help lists them).
#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "okno/slots.hpp"
#include "src/app.hpp"
#include "src/board_app.hpp"
#include "src/demo_state.hpp"
#include "src/http_backend.hpp"
#include "src/input_script.hpp"
#include "src/options.hpp"
#include "src/ticket_printer.hpp"

namespace {

using namespace okno;
using namespace okno::kiosk;

const auto g_process_start = std::chrono::steady_clock::now();

// RAII for the C handles.
struct SdlSession {
  bool ok = false;
  explicit SdlSession(Uint32 flags) { ok = SDL_Init(flags) == 0; }
  ~SdlSession() { SDL_Quit(); }
};
struct WindowDeleter {
  void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct GlContextDeleter {
  void operator()(void* c) const { SDL_GL_DeleteContext(static_cast<SDL_GLContext>(c)); }
};
struct ImGuiSession {
  ImGuiSession() {
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // kiosk and board keep no window layout (no imgui.ini in cwd)
  }
  ~ImGuiSession() { ImGui::DestroyContext(); }
};
struct ImGuiBackends {
  bool sdl = false, gl = false;
  ~ImGuiBackends() {
    if (gl) ImGui_ImplOpenGL3_Shutdown();
    if (sdl) ImGui_ImplSDL2_Shutdown();
  }
};

// Sleeps until the first event or `wait_s` (at most a minute); no wait: only looks.
bool wait_for_event(double wait_s, SDL_Event& e) {
  const int timeout_ms = static_cast<int>(std::min(wait_s, 60.0) * 1000);
  return timeout_ms > 0 ? SDL_WaitEventTimeout(&e, timeout_ms) == 1 : SDL_PollEvent(&e) == 1;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  }
  return 0;
}

void render(Rgb bg) {
  ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
  glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void render(SDL_Window*, const KioskState& state) {
  render(state.visitor.high_contrast ? high_contrast_palette().background
                                     : standard_palette().background);
}

bool save_screenshot(const std::string& file, int w, int h) {
  std::vector<std::uint8_t> pixels(static_cast<size_t>(w * h * 4));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  std::vector<std::uint8_t> flipped(pixels.size());
  const size_t row = static_cast<size_t>(w) * 4;
  for (int y = 0; y < h; ++y) {
    std::memcpy(&flipped[static_cast<size_t>(y) * row],
                &pixels[static_cast<size_t>(h - 1 - y) * row], row);
  }
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  auto r = write_png_rgba(file, w, h, flipped);
  if (!r) std::fprintf(stderr, "okno-kiosk: %s\n", r.error().detail.c_str());
  return r.has_value();
}

// Sends a rendered ticket or slip to the printer (ESC/POS) and/or the preview folder (PNG, as
// `NAME.png`).
bool output_raster(const KioskOptions& o, const Result<Raster>& raster, const std::string& name) {
  if (!raster) return false;
  bool ok = true;
  if (!o.ticket_preview.empty()) {
    ok = write_png_gray(std::filesystem::path(o.ticket_preview) / (name + ".png"), *raster)
             .has_value();
  }
  if (!o.printer.empty()) ok = send_to_printer(o.printer, escpos_bytes(*raster)).has_value();
  return ok;
}

// Prints (ESC/POS) and/or previews (PNG) a ticket in the visitor's language.
TicketSink make_ticket_sink(const KioskOptions& o, const KioskData& data, const FontPaths& fonts) {
  if (o.printer.empty() && o.ticket_preview.empty()) return {};
  return [o, &data, fonts](const Ticket& t, Language lang) {
    const Catalog& c = data.catalog;
    const Service* svc = data.office->find_service(t.service);
    TicketText text{
        data.office->short_name.get(lang),
        c.text(lang, "kiosk.ticket.your_number"),
        t.number,
        svc ? svc->name.get(lang) : t.service,
        c.text(lang, "kiosk.ticket.issued", {{"time", display_time(t.issued_at)}}),
        c.text(lang, "kiosk.queue.status",
               {{"people", std::to_string(t.people_ahead)},
                {"minutes", std::to_string(t.estimated_wait_min)}}),
        c.text(lang, "kiosk.ticket.survey_hint"),
        o.survey_url + "?office=" + o.office + "&ticket=" + t.number +
            "&date=" + t.issued_at.substr(0, 10),
    };
    return output_raster(o, render_ticket(text, o.paper, fonts), "ticket-" + t.number);
  };
}

// The slip of a booking made at the kiosk: the code large and as a QR (the kiosk's scanner
// reads it at check-in), the service and the visit's time, in the visitor's language.
SlipSink make_slip_sink(const KioskOptions& o, const KioskData& data, const FontPaths& fonts) {
  if (o.printer.empty() && o.ticket_preview.empty()) return {};
  return [o, &data, fonts](const BookingConfirmation& b, Language lang) {
    return output_raster(
        o, render_ticket(booking_slip_text(data.catalog, *data.office, b, lang), o.paper, fonts),
        "booking-" + b.code);
  };
}
// The waiting-room board (--board, docs/board.md): the same window, fonts and theme code, its
// own app and loop. The loop sleeps until the stream or the player posts news, or the clock, the
// flash or the notices need the next frame.
int run_board(const KioskOptions& o, const KioskData& data, SDL_Window* window, Seconds fixed_now) {
  const bool screenshot = !o.screenshot.empty();
  const auto lang = parse_language(o.lang);
  if (!lang || (screenshot && o.out.empty())) {
    std::fprintf(stderr,
                 "okno-kiosk: the board needs a known --lang (and --out for a screenshot)\n");
    return 2;
  }
  BoardSettings settings;
  settings.server = screenshot ? std::string() : o.server;
  settings.config.language = *lang;
  settings.config.desks = o.desks;
  settings.config.screen_only = o.screen_only || screenshot;
  settings.config.quiet = o.quiet;
  settings.scale = o.large;
  int drawable_w = 0, drawable_h = 0;
  SDL_GL_GetDrawableSize(window, &drawable_w, &drawable_h);
  settings.screen_height =
      static_cast<float>(screenshot || drawable_h <= 0 ? o.height : drawable_h);
  settings.notices = o.notices.empty() ? o.assets / "board" / "notices.toml" : o.notices;
  settings.announce_log = o.announce_log;
  settings.state_log = o.state_log;
  std::function<board::TimePoint()> clock = [&fixed_now] {
    if (fixed_now != Seconds{}) return board::TimePoint{fixed_now};
    return std::chrono::floor<board::Millis>(std::chrono::system_clock::now());
  };
  BoardApp app(settings, data, make_sdl_player(o.volume, clock), clock);
  std::string error;
  if (!app.build_fonts(error)) {
    std::fprintf(stderr, "okno-kiosk: %s\n", error.c_str());
    return 1;
  }
  const Rgb bg = board_palette().background;
  if (screenshot) {
    // The notices line in the board's language: the instant moved by whole 8 s steps (the
    // clock still shows the same minute).
    while (board::notice_language(clock()) != *lang) fixed_now += std::chrono::seconds(8);
    set_up_board_demo(app, clock(), o.server_down);
    for (int i = 0; i < 3; ++i) {
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplSDL2_NewFrame();
      ImGui::GetIO().DisplaySize =
          ImVec2(static_cast<float>(o.width), static_cast<float>(o.height));
      app.frame();
      render(bg);
    }
    return save_screenshot(o.out, o.width, o.height) ? 0 : 1;
  }
  app.start();
  bool running = true, first_frame = true;
  int extra_frames = 1;
  // The board takes no input: the loop sleeps on its UI queue (the stream's and the player's
  // news), at most kSdlCheck at a time to look at SDL's events (quit, resize, expose), and draws
  // only on news, a window event, or when the clock, the flash or the notices are due.
  constexpr double kSdlCheck = 0.25;
  while (running) {
    const double wait_s = extra_frames > 0 ? 0.0 : app.next_wakeup();
    const bool news = wait_s > 0 && app.ui_queue().wait_for(std::min(wait_s, kSdlCheck));
    SDL_Event e;
    while (SDL_PollEvent(&e) == 1) {
      ImGui_ImplSDL2_ProcessEvent(&e);
      if (e.type == SDL_QUIT) running = false;
      if (e.type == SDL_WINDOWEVENT) extra_frames = 1;  // resized or exposed: draw again
    }
    if (running && !news && extra_frames == 0 && wait_s > kSdlCheck) continue;  // not due yet
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    app.frame();
    render(bg);
    SDL_GL_SwapWindow(window);
    // The first frame uploaded the font atlas (the backend's NewFrame): free the CPU copy.
    if (first_frame) ImGui::GetIO().Fonts->ClearTexData();
    first_frame = false;
    if (extra_frames > 0) --extra_frames;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = parse_kiosk_args(argc, argv);
  if (!parsed) {
    std::fputs(parsed.error().text.c_str(), parsed.error().status == 0 ? stdout : stderr);
    return parsed.error().status;
  }
  const KioskOptions& o = *parsed;
  const bool screenshot = !o.screenshot.empty();
  const bool bench = !o.bench_out.empty();
  auto data = load_kiosk_data(o.assets, o.locales, o.office);
  if (!data) {
    std::fprintf(stderr, "okno-kiosk: %s\n", data.error().detail.c_str());
    return 1;
  }
  data->office = data->offices.find(o.office);
  if (!data->office) {
    std::fprintf(stderr, "okno-kiosk: no office '%s' in the configuration\n", o.office.c_str());
    return 1;
  }

  // The board draws a frame every few seconds: Mesa's software renderer (llvmpipe, a TV box
  // without a GPU) needs no thread per core for that, and each of its threads keeps its own
  // scratch memory — one thread keeps the board's peak RSS at 158 MB instead of 195 MB
  // (docs/performance.md). An administrator's own LP_NUM_THREADS is kept; a GPU driver ignores it.
  if (o.board) setenv("LP_NUM_THREADS", "0", /*overwrite=*/0);
  SdlSession sdl(SDL_INIT_VIDEO | SDL_INIT_TIMER | (screenshot || bench ? 0u : SDL_INIT_AUDIO));
  if (!sdl.ok) {
    std::fprintf(stderr, "okno-kiosk: SDL_Init: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  if (screenshot)
    flags |= SDL_WINDOW_HIDDEN;
  else if (!o.windowed && !bench)
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  std::unique_ptr<SDL_Window, WindowDeleter> window(SDL_CreateWindow(
      "Okno", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width, o.height, flags));
  if (!window) {
    std::fprintf(stderr, "okno-kiosk: SDL_CreateWindow: %s\n", SDL_GetError());
    return 1;
  }
  std::unique_ptr<void, GlContextDeleter> gl(SDL_GL_CreateContext(window.get()));
  if (!gl) {
    std::fprintf(stderr, "okno-kiosk: SDL_GL_CreateContext: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(window.get(), gl.get());
  SDL_GL_SetSwapInterval(screenshot || bench ? 0 : 1);
  SDL_ShowCursor(o.windowed ? SDL_ENABLE : SDL_DISABLE);  // a touchscreen has no pointer

  ImGuiSession imgui;
  ImGuiBackends backends;
  backends.sdl = ImGui_ImplSDL2_InitForOpenGL(window.get(), gl.get());
  backends.gl = ImGui_ImplOpenGL3_Init("#version 130");

  Seconds fixed_now{};
  if (!o.now.empty()) {
    auto t = parse_iso_instant(o.now);
    if (!t) {
      std::fprintf(stderr, "okno-kiosk: --now: cannot read %s\n", o.now.c_str());
      return 2;
    }
    fixed_now = *t;
  } else if (screenshot) {
    fixed_now = *parse_iso_instant("2026-11-30T07:30:00Z");  // Monday 10:30 in Moscow
  }
  if (o.board || o.screenshot == "board") return run_board(o, *data, window.get(), fixed_now);
  std::function<Seconds()> wall_clock = [fixed_now] {
    if (fixed_now != Seconds{}) return fixed_now;
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  };

  KioskConfig config;
  config.office_id = o.office;
  config.idle_timeout_s = o.idle_timeout_s;
  config.px_per_mm = o.px_per_mm;
  auto backend = std::make_shared<HttpBackend>(o.server);
  backend->set_kiosk_key(o.kiosk_key);
  KioskApp app(config, *data, backend,
               screenshot || bench ? make_silent_speaker() : make_sdl_speaker(), wall_clock);
  app.set_ticket_sink(make_ticket_sink(o, *data, config.fonts));
  app.set_slip_sink(make_slip_sink(o, *data, config.fonts));
  app.set_on_fonts_rebuilt([] {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();  // the GPU has it; free the CPU copy
  });
  // Wake the event loop when a request completes.
  const Uint32 wake_event = SDL_RegisterEvents(1);
  app.ui_queue().set_wake([wake_event] {
    SDL_Event e{};
    e.type = wake_event;
    SDL_PushEvent(&e);
  });

  if (screenshot) {
    auto screen = parse_screen(o.screenshot);
    auto lang = parse_language(o.lang);
    if (!screen || !lang || o.out.empty()) {
      std::fprintf(stderr,
                   "okno-kiosk: --screenshot needs a known SCREEN, --lang LL and --out FILE\n%s",
                   kiosk_usage().c_str());
      return 2;
    }
    KioskState& s = app.mutable_state();
    // The language first: some demo states (the comment) are written in it.
    s.visitor.language = *lang;
    set_up_demo_state(s, *screen);
    s.visitor.text_scale = o.large;
    s.visitor.high_contrast = o.contrast;
    s.server_down = o.server_down;
    // A few frames: ImGui sizes some things from the previous frame.
    int w = 0, h = 0;
    for (int i = 0; i < 3; ++i) {
      SDL_GL_GetDrawableSize(window.get(), &w, &h);
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplSDL2_NewFrame();
      ImGui::GetIO().DisplaySize =
          ImVec2(static_cast<float>(o.width), static_cast<float>(o.height));
      app.frame(1.0 + i * 0.016);
      app.mutable_state().last_input_s = 1.0 + i * 0.016;
      render(window.get(), app.state());
    }
    return save_screenshot(o.out, o.width, o.height) ? 0 : 1;
  }

  std::string error;
  if (!app.build_fonts(error)) {
    std::fprintf(stderr, "okno-kiosk: %s\n", error.c_str());
    return 1;
  }
  app.refresh();

  std::unique_ptr<InputScript> script;
  if (!o.input_script.empty()) {
    std::vector<ScriptStep> steps;
    if (!load_input_script(o.input_script, steps, error)) {
      std::fprintf(stderr, "okno-kiosk: %s\n", error.c_str());
      return 2;
    }
    script = std::make_unique<InputScript>(std::move(steps));
  }
  bool script_running = script != nullptr;
  int exit_code = 0;

  const auto loop_start = std::chrono::steady_clock::now();
  double first_frame_s = -1;
  int extra_frames = 2;  // ImGui settles hover/active state on the frame after an event
  bool running = true;
  double bench_frame_cpu_ms = 0, bench_frame_wall_ms = 0, idle_cpu_percent = 0;
  long rss_after_start_kb = 0;
  int bench_frames_done = 0;
  const int bench_frames = 300;
  double bench_cpu0 = 0, idle_cpu0 = 0, idle_wall0 = 0;
  auto bench_t0 = std::chrono::steady_clock::now();

  while (running) {
    double wait_s = extra_frames > 0 ? 0.0 : app.next_wakeup(seconds_since(loop_start));
    if (bench && bench_frames_done < bench_frames) wait_s = 0;  // busy phase: measure frames
    // A script acts between frames: keep drawing (about 100 frames/s at most) while it runs.
    if (script_running) wait_s = std::min(wait_s, 0.01);
    SDL_Event e;
    bool got = wait_for_event(wait_s, e);
    while (got) {
      ImGui_ImplSDL2_ProcessEvent(&e);
      if (e.type == SDL_QUIT) running = false;
      // Input needs a settling frame after it (hover/active state); a finished request only
      // needs the one frame that shows its result.
      if (e.type != wake_event) extra_frames = 2;
      got = SDL_PollEvent(&e) == 1;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    const double now = seconds_since(loop_start);
    app.frame(now);
    render(window.get(), app.state());
    if (script_running) {
      const auto status = script->after_frame(app, window.get(), now);
      // Read before the swap: the back buffer holds exactly the frame the window shows next.
      if (const auto file = script->take_screenshot_request(); !file.empty()) {
        int w = 0, h = 0;
        SDL_GL_GetDrawableSize(window.get(), &w, &h);
        if (!save_screenshot(file, w, h)) exit_code = 1;
      }
      if (status == InputScript::Status::failed) {
        std::fprintf(stderr, "okno-kiosk: %s\n", script->error().c_str());
        exit_code = 3;
        running = false;
      } else if (status == InputScript::Status::done) {
        script_running = false;
        if (o.exit_after_script) running = false;
      }
    }
    SDL_GL_SwapWindow(window.get());
    if (extra_frames > 0) --extra_frames;
    if (first_frame_s < 0) {
      glFinish();
      first_frame_s = seconds_since(g_process_start);
      rss_after_start_kb = status_kb("VmRSS:");
      if (bench) {
        bench_cpu0 = cpu_seconds();
        bench_t0 = std::chrono::steady_clock::now();
      }
    } else if (bench && bench_frames_done < bench_frames) {
      if (++bench_frames_done == bench_frames) {
        glFinish();
        bench_frame_cpu_ms = (cpu_seconds() - bench_cpu0) * 1000 / bench_frames;
        bench_frame_wall_ms = seconds_since(bench_t0) * 1000 / bench_frames;
        idle_cpu0 = cpu_seconds();
        idle_wall0 = seconds_since(loop_start);
      }
    } else if (bench && now - idle_wall0 >= o.bench_idle_s) {
      idle_cpu_percent = (cpu_seconds() - idle_cpu0) * 100 / (now - idle_wall0);
      running = false;
    }
  }
  if (bench) {
    std::FILE* f = std::fopen(o.bench_out.c_str(), "w");
    if (!f) return 1;
    std::fprintf(f,
                 "| measure | result | target |\n|---|---|---|\n"
                 "| cold start to first frame (process start to first frame on screen) | %.3f s "
                 "| < 1 s |\n"
                 "| CPU time per frame at %dx%d (welcome screen, %d frames) | %.2f ms "
                 "(wall %.2f ms) | — |\n"
                 "| CPU use while idle, %.0f s on the welcome screen | %.3f %% | < 1 %% |\n"
                 "| resident memory after the first frame, all fonts loaded | %.1f MB | < 150 "
                 "MB |\n"
                 "| peak resident memory | %.1f MB | < 150 MB |\n",
                 first_frame_s, o.width, o.height, bench_frames, bench_frame_cpu_ms,
                 bench_frame_wall_ms, o.bench_idle_s, idle_cpu_percent,
                 static_cast<double>(rss_after_start_kb) / 1024.0,
                 static_cast<double>(status_kb("VmHWM:")) / 1024.0);
    std::fclose(f);
  }
  return exit_code;
}
