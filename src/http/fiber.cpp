#include "http/fiber.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <new>

namespace jixu::http {
namespace {

thread_local Fiber* current_fiber = nullptr;

}  // namespace

Fiber::Fiber(size_t stack_bytes) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  map_bytes_ = (stack_bytes + page - 1) / page * page + page;
  void* p = ::mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  map_ = static_cast<char*>(p);
  ::mprotect(map_, page, PROT_NONE);  // the stack grows down onto this guard page
}

Fiber::~Fiber() { ::munmap(map_, map_bytes_); }

Fiber* Fiber::Current() { return current_fiber; }

void Fiber::Entry(unsigned lo, unsigned hi) {
  auto* self = reinterpret_cast<Fiber*>((static_cast<uintptr_t>(hi) << 32) | lo);
  self->fn_();
  self->fn_ = nullptr;
  self->finished_ = true;
  // uc_link returns to caller_, i.e. to whoever last started or continued this fiber.
}

void Fiber::Start(std::function<void()> fn, FiberHome* home) {
  fn_ = std::move(fn);
  home_ = home;
  finished_ = false;
  ::getcontext(&ctx_);
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  ctx_.uc_stack.ss_sp = map_ + page;
  ctx_.uc_stack.ss_size = map_bytes_ - page;
  ctx_.uc_link = &caller_;
  const auto addr = reinterpret_cast<uintptr_t>(this);
  ::makecontext(&ctx_, reinterpret_cast<void (*)()>(&Fiber::Entry), 2,
                static_cast<unsigned>(addr & 0xffffffffu), static_cast<unsigned>(addr >> 32));
  SwitchIn();
}

void Fiber::Continue() {
  if (!finished_) SwitchIn();
}

void Fiber::SwitchIn() {
  Fiber* outer = current_fiber;
  current_fiber = this;
  ::swapcontext(&caller_, &ctx_);
  current_fiber = outer;
}

void Fiber::Park() {
  Fiber* self = current_fiber;
  ::swapcontext(&self->ctx_, &self->caller_);
}

void Event::Wait() {
  Fiber* f = Fiber::Current();
  std::unique_lock lock(mu_);
  if (set_) return;
  if (f == nullptr) {
    cv_.wait(lock, [&] { return set_; });
    return;
  }
  fiber_ = f;
  lock.unlock();
  // Set() may run on another thread before the switch below; its Resume is only acted on by
  // this fiber's home thread, i.e. after we have switched out. Nothing is lost.
  Fiber::Park();
}

void Event::Set() {
  Fiber* f;
  {
    std::lock_guard lock(mu_);
    set_ = true;
    f = fiber_;
    if (f == nullptr) cv_.notify_all();
  }
  if (f != nullptr) f->home()->Resume(f);  // touches nothing of *this
}

}  // namespace jixu::http
