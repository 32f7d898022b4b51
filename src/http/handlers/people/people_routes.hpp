#pragma once
// Routes of the people area (专业技术人员 list, employer ranking, transfers, regions); each file
// adds its own, AddPeopleRoutes (router.hpp) adds them all.
#include "http/router.hpp"

namespace jixu::http {

void AddPersonsComplianceRoutes(Router& r);
void AddEmployerRankingRoutes(Router& r);
void AddTransferRoutes(Router& r);
void AddRegionRoutes(Router& r);

}  // namespace jixu::http
