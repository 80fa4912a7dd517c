#include "model/ModelFactory.h"

#include "model/AttentiveChrome.h"
#include "model/CnnAlphaBeta.h"
#include "model/DeepChrome.h"
#include "model/Lstm.h"
#include "model/LstmAlpha.h"

namespace ac
{

std::shared_ptr<ChromatinModelImpl> makeModel(const ModelConfig& config)
{
    switch (config.kind) {
    case ModelKind::AttentiveChrome:
        return std::make_shared<AttentiveChromeImpl>(config);
    case ModelKind::LstmAlpha:
        return std::make_shared<LstmAlphaImpl>(config);
    case ModelKind::Lstm:
        return std::make_shared<LstmImpl>(config);
    case ModelKind::DeepChrome:
        return std::make_shared<DeepChromeImpl>(config);
    case ModelKind::CnnAlphaBeta:
        return std::make_shared<CnnAlphaBetaImpl>(config);
    }
    return std::make_shared<AttentiveChromeImpl>(config);
}

} // namespace ac
