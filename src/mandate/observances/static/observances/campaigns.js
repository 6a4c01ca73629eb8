// The campaign form: ticking a kind ticks every unit of that kind; unticking one of them
// unticks the kind. Without script the server reads the kind box the same way.
document.addEventListener("DOMContentLoaded", () => {
  for (const group of document.querySelectorAll("[data-kind-group]")) {
    const all = group.querySelector("[data-kind-all]");
    const boxes = group.querySelectorAll("input[name=target_units]");
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
