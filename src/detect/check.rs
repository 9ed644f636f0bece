//! Checking a model file before any backend touches it: only float tensors, only operators
//! both backends run, and the inputs and outputs the manifest promises.

use std::path::Path;

use tract_onnx::pb;
use tract_onnx::prelude::Framework;

use super::error::DetectError;
use super::manifest::{ModelSpec, TensorSpec};

/// Operators of the default ONNX domain that both ONNX Runtime and tract run.
pub const SUPPORTED_OPERATORS: &[&str] = &[
    "Add",
    "AveragePool",
    "BatchNormalization",
    "Clip",
    "Concat",
    "Constant",
    "Conv",
    "Div",
    "Exp",
    "Flatten",
    "Gemm",
    "GlobalAveragePool",
    "GlobalMaxPool",
    "Identity",
    "Log",
    "MatMul",
    "MaxPool",
    "Mul",
    "Relu",
    "Reshape",
    "Sigmoid",
    "Softmax",
    "Squeeze",
    "Sub",
    "Tanh",
    "Transpose",
    "Unsqueeze",
];

/// ONNX's code for 32-bit floats.
const FLOAT: i32 = 1;

/// Checks the ONNX bytes of `path` against `spec`.
pub fn check_model(path: &Path, bytes: &[u8], spec: &ModelSpec) -> Result<(), DetectError> {
    let unsupported = |reason: String| DetectError::Unsupported {
        path: path.to_path_buf(),
        reason,
    };
    let model = tract_onnx::onnx()
        .proto_model_for_read(&mut &bytes[..])
        .map_err(|e| unsupported(format!("not a readable ONNX model ({e})")))?;
    let graph = model.graph.as_ref().ok_or_else(|| unsupported("the model has no graph".into()))?;
    for opset in &model.opset_import {
        if !is_default_domain(&opset.domain) {
            return Err(unsupported(format!(
                "it imports the operator set `{}`; export float-only graphs with standard ONNX operators",
                opset.domain
            )));
        }
    }
    for node in &graph.node {
        if !is_default_domain(&node.domain) || !SUPPORTED_OPERATORS.contains(&node.op_type.as_str()) {
            let domain = if node.domain.is_empty() {
                String::new()
            } else {
                format!("{}.", node.domain)
            };
            return Err(unsupported(format!(
                "operator `{domain}{}` (node `{}`) is not one that every backend runs; supported: {}",
                node.op_type,
                node.name,
                SUPPORTED_OPERATORS.join(", ")
            )));
        }
    }
    let initializers: Vec<&str> = graph.initializer.iter().map(|t| t.name.as_str()).collect();
    let inputs: Vec<&pb::ValueInfoProto> = graph.input.iter().filter(|i| !initializers.contains(&i.name.as_str())).collect();
    check_tensors(path, "input", &inputs, &spec.inputs)?;
    check_tensors(path, "output", &graph.output.iter().collect::<Vec<_>>(), &spec.outputs)
}

fn is_default_domain(domain: &str) -> bool {
    domain.is_empty() || domain == "ai.onnx"
}

fn check_tensors(path: &Path, role: &str, found: &[&pb::ValueInfoProto], expected: &[TensorSpec]) -> Result<(), DetectError> {
    let names = |list: Vec<&str>| list.join(", ");
    if found.len() != expected.len() || found.iter().zip(expected).any(|(f, e)| f.name != e.name) {
        return Err(DetectError::WrongShape {
            path: path.to_path_buf(),
            tensor: format!("the {role} list"),
            expected: format!("[{}]", names(expected.iter().map(|e| e.name.as_str()).collect())),
            found: format!("[{}]", names(found.iter().map(|f| f.name.as_str()).collect())),
        });
    }
    for (f, e) in found.iter().zip(expected) {
        let tensor = match f.r#type.as_ref().and_then(|t| t.value.as_ref()) {
            Some(pb::type_proto::Value::TensorType(t)) => t,
            _ => {
                return Err(DetectError::Unsupported {
                    path: path.to_path_buf(),
                    reason: format!("{role} `{}` is not a tensor", f.name),
                });
            }
        };
        if tensor.elem_type != FLOAT {
            return Err(DetectError::Unsupported {
                path: path.to_path_buf(),
                reason: format!(
                    "{role} `{}` has element type {} (ONNX code); only 32-bit float tensors are supported (no label or ZipMap outputs)",
                    f.name, tensor.elem_type
                ),
            });
        }
        let shape: Vec<i64> = tensor
            .shape
            .as_ref()
            .map(|s| {
                s.dim
                    .iter()
                    .map(|d| match d.value {
                        Some(pb::tensor_shape_proto::dimension::Value::DimValue(v)) => v,
                        _ => -1,
                    })
                    .collect()
            })
            .unwrap_or_default();
        if shape != e.shape {
            return Err(DetectError::WrongShape {
                path: path.to_path_buf(),
                tensor: format!("{role} `{}`", f.name),
                expected: format!("{:?}", e.shape),
                found: format!("{shape:?}"),
            });
        }
    }
    Ok(())
}
