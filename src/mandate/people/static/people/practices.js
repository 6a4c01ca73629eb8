// The "ask units to replicate" form: ticking "every commune" ticks every commune;
// unticking one of them unticks it. Without script the server reads the box the same way.
document.addEventListener("DOMContentLoaded", () => {
  for (const group of document.querySelectorAll("[data-ask-units]")) {
    const all = group.querySelector("[data-all-communes]");
    const boxes = group.querySelectorAll("input[data-commune]");
    all.addEventListener("change", () => {
      for (const box of boxes) box.checked = all.checked;
    });
    for (const box of boxes) {
      box.addEventListener("change", () => {
        if (!box.checked) all.checked = false;
      });
    }
  }
});
