#pragma once
// A sweep point as a scenario: the base scenario with one generated overlay
// (docs/scenario_reference.md, overlays) holding a 'set' or 'scale' change
// per parameter. Going through the overlay loader means a sweep can vary any
// key an overlay can address, and a bad path or value is reported like any
// overlay error, with the point it came from.
#include <string>

#include "models/scenario/loader.hpp"
#include "models/scenario/overlay_file.hpp"
#include "tools/sweep/sweep_points.hpp"

namespace flowsim::sweep {

// The overlay's YAML text.
[[nodiscard]] std::string point_overlay_yaml(const SweepDefinition& sweep, const SweepPoint& point,
                                             std::size_t index);

// The point's scenario, validated by the usual loader: the base, then
// 'variant' (overlays given with --with, applied to every point), then the
// point's own overlay.
[[nodiscard]] scenario::LoadResult load_point_scenario(
    const SweepDefinition& sweep, const SweepPoint& point, std::size_t index,
    const std::vector<scenario::OverlayText>& variant = {});

}  // namespace flowsim::sweep
